package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The aggregate stays exact: after random sequences of creates, updates, removals and restores, sent
 * concurrently, the stored summary equals a full recomputation from the rows and a model of what was sent.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = "kepu.feedback.writes-per-participant=1000")
class FeedbackAggregateIT {

    static final int PARTICIPANTS = 16;
    static final int THREADS = 4;
    static final int OPERATIONS_PER_THREAD = 60;

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizers;

    @Autowired
    CampaignService campaigns;

    FeedbackFixtures f;

    @Autowired
    DatabaseClient db;

    /** What the test believes about one participant's feedback. */
    static final class Model {
        String id;
        int rating;
        boolean removed;
    }

    @Test
    void theAggregateEqualsARecomputationAfterRandomConcurrentChanges() throws Exception {
        f = new FeedbackFixtures(client, clock, organizers, campaigns);
        for (long seed : new long[] {7, 2026}) {
            String id = f.publish(FeedbackFixtures.title("聚合" + seed));
            List<String> pids = new ArrayList<>();
            for (int i = 0; i < PARTICIPANTS; i++) {
                pids.add(f.checkIn(id));
            }
            String organizerToken = f.token(f.organizer);
            Map<String, Model> models = new HashMap<>();
            pids.forEach(p -> models.put(p, new Model()));

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                // each thread owns a slice of the participants, so each participant's changes stay in order
                List<String> mine = pids.subList(t * PARTICIPANTS / THREADS, (t + 1) * PARTICIPANTS / THREADS);
                Random random = new Random(seed * 31 + t);
                work.add(pool.submit(() -> {
                    for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
                        String pid = mine.get(random.nextInt(mine.size()));
                        Model model = models.get(pid);
                        int dice = random.nextInt(10);
                        if (model.id != null && dice == 0) {
                            moderate(model.id, "remove", organizerToken);
                            model.removed = true;
                        } else if (model.id != null && dice == 1) {
                            moderate(model.id, "restore", organizerToken);
                            model.removed = false;
                        } else {
                            int rating = 1 + random.nextInt(5);
                            model.id = f.rate(id, pid, "{\"rating\":" + rating + "}");
                            model.rating = rating;
                        }
                    }
                    return null;
                }));
            }
            long started = System.nanoTime();
            for (Future<?> w : work) {
                w.get();
            }
            pool.shutdown();
            System.out.printf(
                    "aggregate property, seed %d: %d operations in %d ms%n",
                    seed, THREADS * OPERATIONS_PER_THREAD, (System.nanoTime() - started) / 1_000_000);

            int[] expected = new int[5];
            models.values().stream().filter(m -> m.id != null && !m.removed).forEach(m -> expected[m.rating - 1]++);
            int count = expected[0] + expected[1] + expected[2] + expected[3] + expected[4];
            assertThat(stored(id)).as("seed %d", seed).isEqualTo(recomputed(id));
            assertThat(stored(id))
                    .as("seed %d", seed)
                    .containsExactly(count, expected[0], expected[1], expected[2], expected[3], expected[4]);
            Map<?, ?> summary = (Map<?, ?>) f.listing(id, "").get("summary");
            assertThat(summary.get("count")).isEqualTo(count);
        }
    }

    private void moderate(String feedbackId, String action, String token) {
        f.client
                .method(HttpMethod.POST)
                .uri("/api/v1/feedback/" + feedbackId + "/" + action)
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** count, then the histogram, as stored. */
    private List<Integer> stored(String activityId) {
        return db.sql("SELECT count, r1, r2, r3, r4, r5 FROM feedback.summary WHERE activity_id = CAST(:a AS uuid)")
                .bind("a", activityId)
                .map(row -> List.of(
                        row.get("count", Integer.class),
                        row.get("r1", Integer.class),
                        row.get("r2", Integer.class),
                        row.get("r3", Integer.class),
                        row.get("r4", Integer.class),
                        row.get("r5", Integer.class)))
                .one()
                .block(Duration.ofSeconds(5));
    }

    private List<Integer> recomputed(String activityId) {
        return db.sql("""
                        SELECT count(*)::int AS n, count(*) FILTER (WHERE rating = 1)::int AS r1,
                          count(*) FILTER (WHERE rating = 2)::int AS r2, count(*) FILTER (WHERE rating = 3)::int AS r3,
                          count(*) FILTER (WHERE rating = 4)::int AS r4, count(*) FILTER (WHERE rating = 5)::int AS r5
                        FROM feedback.feedback WHERE activity_id = CAST(:a AS uuid) AND state <> 'REMOVED'
                        """)
                .bind("a", activityId)
                .map(row -> List.of(
                        row.get("n", Integer.class),
                        row.get("r1", Integer.class),
                        row.get("r2", Integer.class),
                        row.get("r3", Integer.class),
                        row.get("r4", Integer.class),
                        row.get("r5", Integer.class)))
                .one()
                .block(Duration.ofSeconds(5));
    }
}
