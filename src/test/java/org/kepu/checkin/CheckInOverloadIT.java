package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * Overload is shed, not queued: with room for 5 waiting check-ins and batches that linger 300 ms, a burst of
 * 60 gets some 201s and the rest 503 {@code check-in-busy} with Retry-After at once; every 201 is a row.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(
        properties = {
            "kepu.checkin.max-queued=5",
            "kepu.checkin.batch-max-wait=300ms",
            "kepu.checkin.batch-max-rows=1000",
            "kepu.checkin.rate-limits=false"
        })
class CheckInOverloadIT {

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

    @Test
    void aBurstBeyondTheQueueIsRefusedAtOnceWithRetryAfter() {
        WebTestClient slow =
                client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        clock.set(CheckInIT.BEFORE);
        CheckInFixtures fixtures = new CheckInFixtures(slow, organizer, campaigns);
        String id = fixtures.onsiteWithoutFence();
        clock.set(CheckInIT.DURING);
        String body = "{\"token\":\"" + fixtures.venueToken(id) + "\"}";

        Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        AtomicLong slowestRefusalMs = new AtomicLong();
        ConnectionProvider connections = ConnectionProvider.builder("overload")
                .maxConnections(60)
                .pendingAcquireMaxCount(-1)
                .build();
        WebClient web = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .build();
        try {
            Flux.range(0, 60)
                    .flatMap(
                            i -> {
                                long start = System.nanoTime();
                                return web.post()
                                        .uri("/api/v1/activities/" + id + "/check-ins")
                                        .cookie("kepu_pid", checkIns.participantCookie(UUID.randomUUID()))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(body)
                                        .exchangeToMono(r -> r.bodyToMono(String.class)
                                                .defaultIfEmpty("")
                                                .map(text -> {
                                                    int status = r.statusCode().value();
                                                    if (status != 503) {
                                                        return Integer.toString(status);
                                                    }
                                                    slowestRefusalMs.accumulateAndGet(
                                                            (System.nanoTime() - start) / 1_000_000, Math::max);
                                                    return "503 "
                                                            + (text.contains("\"check-in-busy\"")
                                                                    ? "check-in-busy"
                                                                    : "other")
                                                            + (r.headers()
                                                                                    .asHttpHeaders()
                                                                                    .getFirst("Retry-After")
                                                                            != null
                                                                    ? " with Retry-After"
                                                                    : "");
                                                }))
                                        .doOnNext(key -> answers.computeIfAbsent(key, k -> new AtomicLong())
                                                .incrementAndGet());
                            },
                            60)
                    .blockLast(Duration.ofMinutes(2));
        } finally {
            connections.dispose();
        }

        Map<String, Long> counted = new TreeMap<>();
        answers.forEach((k, v) -> counted.put(k, v.get()));
        System.out.printf(
                "check-in overload (queue 5, burst 60): %s; slowest refusal %d ms%n", counted, slowestRefusalMs.get());
        assertThat(counted.keySet()).containsOnly("201", "503 check-in-busy with Retry-After");
        assertThat(counted.get("201")).isGreaterThanOrEqualTo(5);
        assertThat(counted.get("503 check-in-busy with Retry-After")).isPositive();
        long rows = db.sql("SELECT count(*) AS n FROM checkin.check_in WHERE activity_id = :a")
                .bind("a", UUID.fromString(id))
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(rows).isEqualTo(counted.get("201"));
    }
}
