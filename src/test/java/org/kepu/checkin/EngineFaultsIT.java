package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TcpProxy;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Engines failing under the public flows, through TCP proxies the test cuts (an engine that died: open
 * connections reset, new ones refused) or freezes (an engine that hangs: connections open, no bytes).
 * PostgreSQL down: writes fail fast with 503 and Retry-After, liveness still answers, service resumes when
 * it returns, nothing acknowledged is lost. PostgreSQL hung: requests end within the request timeout and
 * the pool gets every connection back. Redis down or hung: check-in and search keep working, rate limits
 * hold per instance, counts are rebuilt. Each test prints its figures.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(
        properties = {
            "kepu.devstack.database=kepu_faults",
            "kepu.devstack.proxies=postgres,redis",
            "kepu.web.request-timeout=6s",
            // counts must be right after an outage because they are rebuilt, not because they expired
            "kepu.checkin.count-ttl=10m"
        })
class EngineFaultsIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

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

    @Autowired
    ConnectionPool pool;

    @Autowired
    @Qualifier("postgresProxy")
    TcpProxy postgres;

    @Autowired
    @Qualifier("redisProxy")
    TcpProxy redis;

    WebTestClient slow;
    String activity;
    String body;

    @BeforeEach
    void activityOpenForCheckIn() {
        slow = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        clock.set(CheckInIT.BEFORE);
        CheckInFixtures fixtures = new CheckInFixtures(slow, organizer, campaigns);
        activity = fixtures.onsiteWithoutFence();
        clock.set(CheckInIT.DURING);
        body = "{\"token\":\"" + fixtures.venueToken(activity) + "\"}";
    }

    @AfterEach
    void enginesBack() {
        postgres.restore();
        redis.restore();
    }

    @Test
    void withPostgresDownWritesFailFastAndResumeWhenItReturns() {
        String before = pid();
        checkIn(before).expectStatus().isCreated();

        postgres.cut();
        long start = System.nanoTime();
        checkIn(pid())
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists("Retry-After")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("service-unavailable");
        long refusedMs = millisSince(start);
        long liveness = timed(() -> slow.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk());
        // readiness (what a load balancer asks) turns DOWN within seconds, so traffic goes elsewhere
        long probing = System.nanoTime();
        EntityExchangeResult<Map<String, Object>> readiness = readiness();
        while (readiness.getStatus().value() != 503 && millisSince(probing) < 5_000) {
            System.out.println("readiness probe: " + readiness.getStatus() + " " + readiness.getResponseBody()
                    + " proxy " + postgres.mode() + " pool "
                    + pool.getMetrics().orElseThrow().allocatedSize());
            sleep(200);
            readiness = readiness();
        }
        long notReadyMs = millisSince(probing);
        assertThat(readiness.getStatus().value()).as(readiness.toString()).isEqualTo(503);
        assertThat(readiness.getResponseBody().get("components").toString()).contains("r2dbc={status=DOWN}");

        postgres.restore();
        long back = System.nanoTime();
        String after = pid();
        awaitCreated(after);
        long resumedMs = millisSince(back);
        System.out.printf(
                "postgres down: write refused in %d ms (503), liveness %d ms, readiness DOWN after %d ms; writes"
                        + " resumed %d ms after it returned%n",
                refusedMs, liveness, notReadyMs, resumedMs);

        assertThat(refusedMs).isLessThan(8_000);
        assertThat(participants()).contains(participant(before), participant(after));
    }

    @Test
    void withPostgresHungRequestsEndInTimeAndThePoolRecovers() {
        checkIn(pid()).expectStatus().isCreated();

        postgres.freeze();
        long start = System.nanoTime();
        checkIn(pid()).expectStatus().isEqualTo(503).expectHeader().exists("Retry-After");
        long timedOutMs = millisSince(start);
        long liveness = timed(() -> slow.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk());

        postgres.restore();
        long back = System.nanoTime();
        String after = pid();
        awaitCreated(after);
        long resumedMs = millisSince(back);
        // every connection comes back to the pool: none leaked by the requests that were cut short
        long settled = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (pool.getMetrics().orElseThrow().acquiredSize() > 0 && System.nanoTime() < settled) {
            sleep(100);
        }
        var metrics = pool.getMetrics().orElseThrow();
        System.out.printf(
                "postgres hung: request answered 503 after %d ms (timeout 6 s), liveness %d ms; resumed %d ms after"
                        + " the freeze; pool acquired %d, idle %d, allocated %d%n",
                timedOutMs, liveness, resumedMs, metrics.acquiredSize(), metrics.idleSize(), metrics.allocatedSize());

        assertThat(timedOutMs).isLessThan(8_000L); // within the request timeout (6 s), never hanging
        assertThat(liveness).isLessThan(2_000);
        assertThat(metrics.acquiredSize()).isZero();
        assertThat(participants()).contains(participant(after));
    }

    @Test
    void withRedisDownOrHungPublicFlowsWorkAndLimitsHold() {
        // a cached count that the outage's check-ins cannot update (nor delete) must not outlive the outage
        assertThat(checkIns.count(UUID.fromString(activity)).block(Duration.ofSeconds(10)))
                .isZero();
        for (TcpProxy.Mode mode : new TcpProxy.Mode[] {TcpProxy.Mode.CUT, TcpProxy.Mode.FROZEN}) {
            if (mode == TcpProxy.Mode.CUT) {
                redis.cut();
            } else {
                redis.freeze();
            }
            long start = System.nanoTime();
            checkIn(pid()).expectStatus().isCreated();
            long checkInMs = millisSince(start);
            start = System.nanoTime();
            slow.get()
                    .uri("/api/v1/activities?q=打卡活动")
                    .exchange()
                    .expectStatus()
                    .isOk();
            slow.get()
                    .uri("/api/v1/activities/" + activity)
                    .exchange()
                    .expectStatus()
                    .isOk();
            long readMs = millisSince(start);

            // the per-participant limit (20 a minute) still holds, counted in this instance's memory
            String eager = pid();
            int accepted = 0;
            int limited = 0;
            for (int i = 0; i < 25; i++) {
                int status = checkIn(eager).returnResult(Void.class).getStatus().value();
                if (status == 429) {
                    limited++;
                } else if (status == 200 || status == 201) {
                    accepted++;
                }
            }
            System.out.printf(
                    "redis %s: check-in %d ms, search + detail %d ms; 25 attempts by one participant: %d accepted,"
                            + " %d limited%n",
                    mode, checkInMs, readMs, accepted, limited);
            assertThat(accepted).isEqualTo(20);
            assertThat(limited).isEqualTo(5);
            redis.restore();
        }

        // counts were cached in Redis; back from PostgreSQL they equal the rows
        long rows = participants().size();
        long settled = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Long counted = checkIns.count(UUID.fromString(activity)).block(Duration.ofSeconds(10));
        while (counted != rows && System.nanoTime() < settled) {
            sleep(200);
            counted = checkIns.count(UUID.fromString(activity)).block(Duration.ofSeconds(10));
        }
        assertThat(counted).isEqualTo(rows);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private String pid() {
        return checkIns.participantCookie(UUID.randomUUID());
    }

    private UUID participant(String pid) {
        return checkIns.participant(pid).orElseThrow();
    }

    private WebTestClient.ResponseSpec checkIn(String pid) {
        return slow.post()
                .uri("/api/v1/activities/" + activity + "/check-ins")
                .cookie("kepu_pid", pid)
                .header("X-Forwarded-For", CheckInIT.address())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private EntityExchangeResult<Map<String, Object>> readiness() {
        return slow.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectBody(JSON)
                .returnResult();
    }

    private void awaitCreated(String pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            EntityExchangeResult<Map<String, Object>> result =
                    checkIn(pid).expectBody(JSON).returnResult();
            if (result.getStatus().value() == 201) {
                return;
            }
            assertThat(result.getStatus().value())
                    .as("while the engine comes back")
                    .isIn(503, 409);
            sleep(250);
        }
        throw new AssertionError("writes did not resume within 30 s");
    }

    private java.util.List<UUID> participants() {
        return db.sql("SELECT participant_id FROM checkin.check_in WHERE activity_id = :a")
                .bind("a", UUID.fromString(activity))
                .map(row -> row.get("participant_id", UUID.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    private static long timed(Supplier<?> call) {
        long start = System.nanoTime();
        call.get();
        return millisSince(start);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
