package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.checkin.CheckInService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Feedback overload is shed, not queued, as check-ins' is: with room for 5 waiting saves and batches that linger
 * 300 ms, a burst of 60 first saves (60 participants who checked in) gets some 201s and the rest 503
 * {@code feedback-busy} with Retry-After; every 201 is a row and nothing else is.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(
        properties = {
            "kepu.feedback.max-queued=5",
            "kepu.feedback.batch-max-wait=300ms",
            "kepu.feedback.batch-max-rows=1000"
        })
class FeedbackOverloadIT {

    static final int BURST = 60;

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizers;

    @Autowired
    CampaignService campaigns;

    @Autowired
    CheckInService checkIns;

    @Autowired
    DatabaseClient db;

    @LocalServerPort
    int port;

    @Test
    void aBurstBeyondTheQueueIsRefusedAtOnceWithRetryAfter() {
        FeedbackFixtures f = new FeedbackFixtures(client, clock, organizers, campaigns);
        String id = f.publish(FeedbackFixtures.title("过载"));
        clock.set(FeedbackFixtures.DURING);
        UUID activity = UUID.fromString(id);
        UUID[] participants = new UUID[BURST];
        for (int i = 0; i < BURST; i++) {
            participants[i] = UUID.randomUUID();
        }
        // the participants were there: their check-ins straight into PostgreSQL, as the benchmark loads them
        db.sql("INSERT INTO checkin.check_in (id, activity_id, participant_id, channel, checked_in_at)"
                        + " SELECT gen_random_uuid(), :a, p, 'ONSITE', now() FROM unnest(:p) AS p")
                .bind("a", activity)
                .bind("p", participants)
                .then()
                .block(Duration.ofSeconds(10));

        Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        ConnectionProvider connections = ConnectionProvider.builder("feedback-overload")
                .maxConnections(BURST)
                .pendingAcquireMaxCount(-1)
                .build();
        WebClient web = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .build();
        try {
            Flux.range(0, BURST)
                    .flatMap(
                            i -> web.post()
                                    .uri("/api/v1/activities/" + id + "/feedback")
                                    .cookie("kepu_pid", checkIns.participantCookie(participants[i]))
                                    .header("X-Forwarded-For", FeedbackFixtures.address())
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue("{\"rating\":5,\"tags\":[\"INTERESTING\"]}")
                                    .exchangeToMono(r -> r.bodyToMono(String.class)
                                            .defaultIfEmpty("")
                                            .map(text -> r.statusCode().value() != 503
                                                    ? Integer.toString(
                                                            r.statusCode().value())
                                                    : "503 "
                                                            + (text.contains("\"feedback-busy\"")
                                                                    ? "feedback-busy"
                                                                    : "other")
                                                            + (r.headers()
                                                                                    .asHttpHeaders()
                                                                                    .getFirst("Retry-After")
                                                                            != null
                                                                    ? " with Retry-After"
                                                                    : "")))
                                    .doOnNext(key -> answers.computeIfAbsent(key, k -> new AtomicLong())
                                            .incrementAndGet()),
                            BURST)
                    .blockLast(Duration.ofMinutes(2));
        } finally {
            connections.dispose();
        }

        Map<String, Long> counted = new TreeMap<>();
        answers.forEach((k, v) -> counted.put(k, v.get()));
        System.out.printf("feedback overload (queue 5, burst %d): %s%n", BURST, counted);
        assertThat(counted.keySet()).containsOnly("201", "503 feedback-busy with Retry-After");
        assertThat(counted.get("201")).isGreaterThanOrEqualTo(5);
        assertThat(counted.get("503 feedback-busy with Retry-After")).isPositive();
        long rows = db.sql("SELECT count(*) AS n FROM feedback.feedback WHERE activity_id = :a")
                .bind("a", activity)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(rows).isEqualTo(counted.get("201"));
    }
}
