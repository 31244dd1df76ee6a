package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
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
 * A crowd at the door: every participant scans {@value #ATTEMPTS} times at once. Exactly one row and one 201
 * per participant, 200 for every other attempt, no 5xx. The normal suite runs {@link #PARTICIPANTS} (2,000);
 * the full size: {@code ./mvnw -B verify -Dkepu.frontend.skip=true -Dit.test=CheckInStormIT
 * -Dkepu.storm.participants=10000}. Rate limits are off in this class's own context only.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = "kepu.checkin.rate-limits=false")
class CheckInStormIT {

    static final int PARTICIPANTS = Integer.getInteger("kepu.storm.participants", 2_000);
    static final int ATTEMPTS = 5;
    static final int CONCURRENCY = 200;

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

    @LocalServerPort
    int port;

    record Answer(int status, long micros) {}

    @Test
    void aStormOfRepeatedScansStoresEachParticipantExactlyOnce() throws IOException {
        clock.set(CheckInIT.BEFORE);
        CheckInFixtures fixtures = new CheckInFixtures(client, organizer, campaigns);
        String id = fixtures.onsiteWithoutFence();
        clock.set(CheckInIT.DURING);
        String body = "{\"token\":\"" + fixtures.venueToken(id) + "\"}";
        String[] cookies = new String[PARTICIPANTS];
        for (int i = 0; i < PARTICIPANTS; i++) {
            cookies[i] = checkIns.participantCookie(UUID.randomUUID());
        }
        ConnectionProvider pool = ConnectionProvider.builder("storm")
                .maxConnections(CONCURRENCY)
                .pendingAcquireMaxCount(-1)
                .build();
        WebClient web = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
                .build();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

        long started = System.nanoTime();
        // a participant's attempts are adjacent, so they are in flight together
        Flux.range(0, PARTICIPANTS * ATTEMPTS)
                .flatMap(
                        i -> {
                            long sent = System.nanoTime();
                            return web.post()
                                    .uri("/api/v1/activities/" + id + "/check-ins")
                                    .cookie("kepu_pid", cookies[i / ATTEMPTS])
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(body)
                                    .exchangeToMono(r -> r.releaseBody()
                                            .thenReturn(r.statusCode().value()))
                                    .onErrorReturn(599)
                                    .doOnNext(status ->
                                            answers.add(new Answer(status, (System.nanoTime() - sent) / 1000)));
                        },
                        CONCURRENCY)
                .blockLast(Duration.ofMinutes(10));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        pool.dispose();

        Map<Integer, Long> statuses = new TreeMap<>();
        answers.forEach(a -> statuses.merge(a.status(), 1L, Long::sum));
        report(took, statuses, answers);

        assertThat(statuses)
                .containsEntry(201, (long) PARTICIPANTS)
                .containsEntry(200, (long) PARTICIPANTS * (ATTEMPTS - 1))
                .hasSize(2);
        assertThat(db.sql("SELECT count(*) AS n, count(DISTINCT participant_id) AS d FROM checkin.check_in"
                                + " WHERE activity_id = :a")
                        .bind("a", UUID.fromString(id))
                        .map(row -> row.get("n", Long.class) + "/" + row.get("d", Long.class))
                        .one()
                        .block(Duration.ofSeconds(10)))
                .isEqualTo(PARTICIPANTS + "/" + PARTICIPANTS);
        assertThat(checkIns.count(UUID.fromString(id)).block(Duration.ofSeconds(10)))
                .isEqualTo(PARTICIPANTS);
    }

    private static void report(Duration took, Map<Integer, Long> statuses, ConcurrentLinkedQueue<Answer> answers)
            throws IOException {
        long[] micros = answers.stream().mapToLong(Answer::micros).sorted().toArray();
        long[] bounds = {5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, Long.MAX_VALUE};
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "check-in storm: %d participants x %d attempts, concurrency %d, %d ms, %.0f requests/s%n",
                PARTICIPANTS,
                ATTEMPTS,
                CONCURRENCY,
                took.toMillis(),
                micros.length * 1000.0 / Math.max(1, took.toMillis())));
        text.append("statuses: ").append(statuses).append('\n');
        text.append(String.format(
                "latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
                pct(micros, 50), pct(micros, 90), pct(micros, 99), micros[micros.length - 1] / 1000.0));
        long lower = 0;
        for (long bound : bounds) {
            long from = lower;
            long n = Arrays.stream(micros).filter(m -> m >= from && m < bound).count();
            text.append(String.format(
                    "  %6s .. %-6s ms: %d%n",
                    from / 1000, bound == Long.MAX_VALUE ? "" : Long.toString(bound / 1000), n));
            lower = bound;
        }
        System.out.print(text);
        Files.writeString(Path.of("target", "checkin-storm.txt"), text + "at " + Instant.now() + "\n");
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }
}
