package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.AppProcess;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code kill -9} under check-in load: an app instance in its own JVM takes check-ins from many
 * participants, is killed mid-run and restarted; clients retry with their Idempotency-Keys. Every check-in a
 * client saw acknowledged is in PostgreSQL with the id it was told, and no participant has two rows. The
 * instance runs at the activity's time through a shifted clock; this JVM's app (same database) sets up the
 * activity and hands out the venue token.
 */
@IntegrationTest
@Import(TestClock.Config.class)
// the venue token is made here and checked by the other instance: both use the same (long) window
@TestPropertySource(properties = {"kepu.devstack.database=kepu_crash", "kepu.checkin.token-window=10m"})
class CheckInCrashIT {

    static final int PARTICIPANTS = Integer.getInteger("kepu.crash.participants", 3_000);
    static final int CONCURRENCY = 32;
    static final int KILL_AFTER = PARTICIPANTS / 3;
    private static final Pattern CHECK_IN_ID = Pattern.compile("\"checkInId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    CheckInService checkIns;

    @Autowired
    DatabaseClient db;

    private volatile String base;

    @Test
    void everyAcknowledgedCheckInSurvivesAKillAndRetriesNeverDuplicate() throws Exception {
        clock.set(CheckInIT.BEFORE);
        CheckInFixtures fixtures = new CheckInFixtures(client, organizer, campaigns);
        String id = fixtures.onsiteWithoutFence();
        // the instance lives at the activity's time: DURING now, moving on in real time
        Duration offset = Duration.between(Instant.now(), CheckInIT.DURING);
        clock.set(CheckInIT.DURING);
        String body = "{\"token\":\"" + fixtures.venueToken(id) + "\"}";
        Map<String, String> settings = Map.of(
                "kepu.checkin.rate-limits", "false",
                // one window outlives the restart, so a retry sends the very same body
                "kepu.checkin.token-window", "10m");

        UUID[] participants = new UUID[PARTICIPANTS];
        String[] cookies = new String[PARTICIPANTS];
        for (int i = 0; i < PARTICIPANTS; i++) {
            participants[i] = UUID.randomUUID();
            cookies[i] = checkIns.participantCookie(participants[i]);
        }
        Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> answers = new TreeMap<>();
        AtomicInteger retries = new AtomicInteger();

        AppProcess first = AppProcess.start("crash-1", "kepu_crash", offset, settings);
        base = first.baseUrl();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        long started = System.nanoTime();
        for (int i = 0; i < PARTICIPANTS; i++) {
            int p = i;
            pool.submit(() -> checkInUntilAcknowledged(
                    http, id, body, cookies[p], participants[p], acknowledged, answers, retries));
        }

        long waitUntil = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (acknowledged.size() < KILL_AFTER) {
            if (System.nanoTime() > waitUntil) {
                first.kill();
                pool.shutdownNow();
                throw new AssertionError("only " + acknowledged.size() + " acknowledged before the kill: " + answers);
            }
            Thread.sleep(5);
        }
        int ackedAtKill = acknowledged.size();
        first.kill();
        long killed = System.nanoTime();
        AppProcess second = AppProcess.start("crash-2", "kepu_crash", offset, settings);
        base = second.baseUrl();
        long down = System.nanoTime() - killed;
        try {
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            second.close();
        }
        long took = System.nanoTime() - started;

        Map<UUID, UUID> stored = new HashMap<>();
        db.sql("SELECT participant_id, id FROM checkin.check_in WHERE activity_id = :a")
                .bind("a", UUID.fromString(id))
                .map(row -> Map.entry(row.get("participant_id", UUID.class), row.get("id", UUID.class)))
                .all()
                .doOnNext(e -> assertThat(stored.put(e.getKey(), e.getValue()))
                        .as("second row for " + e.getKey())
                        .isNull())
                .blockLast(Duration.ofSeconds(30));

        long missing = acknowledged.entrySet().stream()
                .filter(e -> !e.getValue().equals(String.valueOf(stored.get(e.getKey()))))
                .count();
        String report = String.format(
                "check-in crash: %d participants, concurrency %d, killed after %d acknowledged; restart took %d ms,"
                        + " whole run %d ms; answers %s; retries %d; acknowledged %d, stored %d, acknowledged but"
                        + " missing or different %d%n",
                PARTICIPANTS,
                CONCURRENCY,
                ackedAtKill,
                down / 1_000_000,
                took / 1_000_000,
                answers,
                retries.get(),
                acknowledged.size(),
                stored.size(),
                missing);
        System.out.print(report);
        Files.writeString(Path.of("target", "checkin-crash.txt"), report);

        assertThat(acknowledged).hasSize(PARTICIPANTS);
        assertThat(stored).hasSize(PARTICIPANTS);
        assertThat(missing).isZero();
        assertThat(answers.keySet()).allMatch(k -> !k.startsWith("5") || k.equals("503") || k.equals("502"));
    }

    /** One participant's client: the same key and body until an answer with a check-in id arrives. */
    private void checkInUntilAcknowledged(
            HttpClient http,
            String activity,
            String body,
            String cookie,
            UUID participant,
            Map<UUID, String> acknowledged,
            Map<String, AtomicInteger> answers,
            AtomicInteger retries) {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            String outcome;
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/activities/" + activity + "/check-ins"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .header("Cookie", "kepu_pid=" + cookie)
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                outcome = Integer.toString(response.statusCode());
                Matcher id = CHECK_IN_ID.matcher(response.body());
                if ((response.statusCode() == 201 || response.statusCode() == 200) && id.find()) {
                    count(answers, outcome);
                    acknowledged.put(participant, id.group(1));
                    return;
                }
                if (response.statusCode() != 409 && response.statusCode() < 500) {
                    count(answers, outcome + " " + response.body());
                    return; // a refusal a retry cannot fix: the assertions report it
                }
            } catch (IOException e) {
                outcome = "connection " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            count(answers, outcome);
            retries.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void count(Map<String, AtomicInteger> answers, String outcome) {
        synchronized (answers) {
            answers.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        }
    }
}
