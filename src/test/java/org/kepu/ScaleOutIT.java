package org.kepu;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kepu.activity.TestActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.checkin.CheckInService;
import org.kepu.devstack.AppProcess;
import org.kepu.devstack.DevStack;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.LoadBalancer;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Scale-out: two app instances in their own JVMs (plus this JVM's app, a third indexer) on one dev stack and
 * one database, a round-robin load balancer in front, behaving as one. Signed in on one instance, a browser
 * session (with its CSRF token) and a bearer token work on the other; sign-in throttling and check-in limits
 * count across instances; every outbox row is indexed by exactly one of the three indexers; and when an
 * instance is killed ({@code kill -9}) under check-in and search load, nothing it acknowledged is lost and
 * the other carries on alone. Live chat fan-out across instances belongs to the live module's own tests.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = "kepu.devstack.database=" + ScaleOutIT.DATABASE)
class ScaleOutIT {

    static final String DATABASE = "kepu_scaleout";
    static final String ALIAS = "activities_" + DATABASE;
    static final Instant BEFORE = Instant.parse("2026-08-20T00:00:00Z");
    /** 10:00 in Beijing on the activity's day: the instances live at this time, moving on in real time. */
    static final Instant DURING = Instant.parse("2026-09-12T02:00:00Z");

    static final int PARTICIPANTS = Integer.getInteger("kepu.scaleout.participants", 600);
    static final int CONCURRENCY = 16;
    static final int STORM_PARTICIPANTS = Integer.getInteger("kepu.scaleout.storm-participants", 500);
    static final int STORM_ATTEMPTS = 4;
    static final int STORM_CONCURRENCY = 64;
    static final int PUBLISHED = 16;
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

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final Map<String, String> report = new LinkedHashMap<>();

    @Test
    void twoInstancesBehindABalancerBehaveAsOne() throws Exception {
        // the machine may be busy (bcrypt, several JVMs): the default 5 s answer timeout is too tight
        WebTestClient client =
                this.client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        clock.set(BEFORE);
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        String organizerName = accounts.account("340207", Role.ORGANIZER);
        String reviewerName = accounts.account("3402", Role.REVIEWER);
        String activity = new TestActivities(
                        client, TestAccounts.token(client, organizerName), TestAccounts.token(client, reviewerName))
                .publish(TestActivities.onsite("扩容打卡测试活动", "340207", 31.37, 118.40, "2026-09-12"));
        String stormActivity = new TestActivities(
                        client, TestAccounts.token(client, organizerName), TestAccounts.token(client, reviewerName))
                .publish(TestActivities.onsite("扩容风暴测试活动", "340207", 31.37, 118.40, "2026-09-12"));
        auditOutboxProcessing();

        Duration offset = Duration.between(Instant.now(), DURING);
        long starting = System.nanoTime();
        CompletableFuture<AppProcess> startA = CompletableFuture.supplyAsync(() -> start("a", offset));
        CompletableFuture<AppProcess> startB = CompletableFuture.supplyAsync(() -> start("b", offset));
        AppProcess a = null;
        AppProcess b = null;
        try {
            a = startA.join();
            b = startB.join();
            report.put("two instances ready in", (System.nanoTime() - starting) / 1_000_000 + " ms");
            WebTestClient onA = on(a.baseUrl());
            WebTestClient onB = on(b.baseUrl());

            sessionsAndTokensWorkOnEitherInstance(onA, onB, organizerName);
            signInThrottlingCountsAcrossInstances(onA, onB, accounts.account("340207", Role.ORGANIZER));
            String token = venueToken(onA, organizerName, activity);
            checkInLimitsCountAcrossInstances(a, b, activity, token);
            everyOutboxRowIsIndexedOnce(onA, onB, organizerName, reviewerName);
            // after the outbox check: each check-in queues its activity for reindexing
            duplicateStormAcrossInstances(a, b, stormActivity, venueToken(onA, organizerName, stormActivity));
            replicasComeFromTheConfiguration();
            try (LoadBalancer balancer = new LoadBalancer(List.of(a.port(), b.port()))) {
                killingAnInstanceUnderLoadLosesNothingAcknowledged(balancer, a, activity, token);
            }
        } finally {
            for (CompletableFuture<AppProcess> started : List.of(startA, startB)) {
                started.thenAccept(AppProcess::close);
            }
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            setReplicas(0); // leave the single-node cluster green for other tests
            StringBuilder text = new StringBuilder("scale-out:\n");
            report.forEach(
                    (k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
            System.out.print(text);
            Files.writeString(Path.of("target", "scale-out.txt"), text);
        }
    }

    /** Signed in on A: the session and its CSRF token act on B; a token from B works on A; logout ends both. */
    private void sessionsAndTokensWorkOnEitherInstance(WebTestClient onA, WebTestClient onB, String username) {
        TestAccounts.Session session = TestAccounts.signIn(onA, username);
        String draft = TestActivities.onsite("扩容会话测试活动", "340207", 31.37, 118.40, "2026-09-20");
        session.apply(onB.post()
                        .uri("/api/v1/organizer/activities")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(draft))
                .exchange()
                .expectStatus()
                .isCreated();
        // the CSRF token is still required on B
        onB.post()
                .uri("/api/v1/organizer/activities")
                .cookie("KEPU_SESSION", session.sessionCookie())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(draft)
                .exchange()
                .expectStatus()
                .isForbidden();

        String bearer = TestAccounts.token(onB, username);
        onA.get()
                .uri("/api/v1/me")
                .header("Authorization", "Bearer " + bearer)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo(username);

        session.apply(onB.post().uri("/api/v1/auth/logout"))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        session.apply(onA.get().uri("/api/v1/me")).exchange().expectStatus().isUnauthorized();
        report.put("session from A wrote on B, token from B read on A, logout on B ended it on A", "yes");
    }

    /** Five failures for one username, three on A and two on B, and the next sign-in anywhere is refused. */
    private void signInThrottlingCountsAcrossInstances(WebTestClient onA, WebTestClient onB, String username) {
        String address = address();
        for (int i = 0; i < 5; i++) {
            (i < 3 ? onA : onB)
                    .post()
                    .uri("/api/v1/auth/login")
                    .header("X-Forwarded-For", address)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"username\":\"" + username + "\",\"password\":\"wrong password " + i + "\"}")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        onA.post()
                .uri("/api/v1/auth/login")
                .header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"" + username + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After");
        report.put("sign-in throttle (5 per account) across instances", "3 failures on A + 2 on B → 429 on A");
    }

    /** The per-participant limit (20 a minute) is one budget, whichever instance counts. */
    private void checkInLimitsCountAcrossInstances(AppProcess a, AppProcess b, String activity, String token)
            throws Exception {
        String cookie = checkIns.participantCookie(UUID.randomUUID());
        String address = address();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(checkIn(i % 2 == 0 ? a.baseUrl() : b.baseUrl(), activity, token, cookie, address, null)
                    .statusCode());
        }
        assertThat(statuses.get(0)).isEqualTo(201);
        assertThat(statuses.subList(1, 20)).containsOnly(200);
        assertThat(checkIn(a.baseUrl(), activity, token, cookie, address, null).statusCode())
                .isEqualTo(429);
        assertThat(checkIn(b.baseUrl(), activity, token, cookie, address, null).statusCode())
                .isEqualTo(429);
        report.put("check-in limit (20 per participant) across instances", "10 on A + 10 on B → 429 on both");
    }

    /**
     * Battery item 1 across instances: {@link #STORM_PARTICIPANTS} participants each send {@value #STORM_ATTEMPTS}
     * check-ins at once, alternating between A and B; half of them repeat one Idempotency-Key, half send none.
     * Exactly one row and one first-time 201 per participant, no 5xx; the other answers are 200 (already checked
     * in), a replayed 201, or 409 while the key's first request is still running.
     */
    private void duplicateStormAcrossInstances(AppProcess a, AppProcess b, String activity, String token) {
        List<String> bases = List.of(a.baseUrl(), b.baseUrl());
        String[] cookies = new String[STORM_PARTICIPANTS];
        String[] addresses = new String[STORM_PARTICIPANTS];
        for (int i = 0; i < STORM_PARTICIPANTS; i++) {
            cookies[i] = checkIns.participantCookie(UUID.randomUUID());
            addresses[i] = address();
        }
        reactor.netty.resources.ConnectionProvider pool = reactor.netty.resources.ConnectionProvider.builder("storm")
                .maxConnections(STORM_CONCURRENCY)
                .pendingAcquireMaxCount(-1)
                .build();
        org.springframework.web.reactive.function.client.WebClient web =
                org.springframework.web.reactive.function.client.WebClient.builder()
                        .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                                reactor.netty.http.client.HttpClient.create(pool)))
                        .build();
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        String body = "{\"token\":\"" + token + "\"}";
        long started = System.nanoTime();
        reactor.core.publisher.Flux.range(0, STORM_PARTICIPANTS * STORM_ATTEMPTS)
                .flatMap(
                        n -> {
                            int participant = n / STORM_ATTEMPTS;
                            var spec = web.post()
                                    .uri(bases.get(n % 2) + "/api/v1/activities/" + activity + "/check-ins")
                                    .cookie("kepu_pid", cookies[participant])
                                    .header("X-Forwarded-For", addresses[participant])
                                    .contentType(MediaType.APPLICATION_JSON);
                            if (participant % 2 == 0) {
                                spec = spec.header("Idempotency-Key", "storm-" + participant);
                            }
                            return spec.bodyValue(body)
                                    .exchangeToMono(r -> r.releaseBody()
                                            .thenReturn(r.statusCode().value()
                                                    + (r.headers()
                                                                    .header("Idempotent-Replayed")
                                                                    .isEmpty()
                                                            ? ""
                                                            : " replayed")))
                                    .timeout(Duration.ofSeconds(60))
                                    .onErrorResume(e -> reactor.core.publisher.Mono.just(
                                            "no answer " + e.getClass().getSimpleName()));
                        },
                        STORM_CONCURRENCY)
                .doOnNext(outcome -> count(answers, outcome))
                .blockLast(Duration.ofMinutes(10));
        long took = (System.nanoTime() - started) / 1_000_000;
        pool.dispose();
        Map<String, Object> rows = db.sql("SELECT count(*) AS n, count(DISTINCT participant_id) AS d"
                        + " FROM checkin.check_in WHERE activity_id = :a")
                .bind("a", UUID.fromString(activity))
                .fetch()
                .one()
                .block(Duration.ofSeconds(10));
        Map<String, Integer> histogram = new TreeMap<>();
        answers.forEach((k, v) -> histogram.put(k, v.get()));
        report.put(
                "duplicate storm across A and B",
                String.format(
                        "%d participants x %d attempts (half with one Idempotency-Key), concurrency %d, %d ms;"
                                + " answers %s; rows %s, distinct participants %s",
                        STORM_PARTICIPANTS,
                        STORM_ATTEMPTS,
                        STORM_CONCURRENCY,
                        took,
                        histogram,
                        rows.get("n"),
                        rows.get("d")));
        assertThat(((Number) rows.get("n")).longValue()).isEqualTo(STORM_PARTICIPANTS);
        assertThat(((Number) rows.get("d")).longValue()).isEqualTo(STORM_PARTICIPANTS);
        assertThat(histogram).containsEntry("201", STORM_PARTICIPANTS);
        assertThat(histogram.keySet())
                .allMatch(k -> k.equals("201")
                        || k.equals("200")
                        || k.equals("201 replayed")
                        || k.equals("200 replayed")
                        || k.equals("409"));
    }

    /**
     * Activities published half through A and half through B; three indexers (A, B and this JVM) poll the
     * outbox. A trigger records every row marked processed: each exactly once, and all searchable.
     */
    private void everyOutboxRowIsIndexedOnce(
            WebTestClient onA, WebTestClient onB, String organizerName, String reviewer) {
        TestActivities viaA =
                new TestActivities(onA, TestAccounts.token(onA, organizerName), TestAccounts.token(onA, reviewer));
        TestActivities viaB =
                new TestActivities(onB, TestAccounts.token(onB, organizerName), TestAccounts.token(onB, reviewer));
        for (int i = 0; i < PUBLISHED; i++) {
            (i % 2 == 0 ? viaA : viaB)
                    .publish(TestActivities.onsite(
                            "扩容索引测试活动" + i, "340207", 31.3 + i * 0.001, 118.4, "2026-09-2" + (i % 8)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long pending;
        do {
            pending = db.sql(
                            "SELECT count(*) AS n FROM shared.outbox WHERE topic = 'activity' AND processed_at IS NULL")
                    .map(row -> row.get("n", Long.class))
                    .one()
                    .block(Duration.ofSeconds(5));
            if (pending > 0) {
                sleep(200);
            }
        } while (pending > 0 && System.nanoTime() < deadline);
        assertThat(pending).as("outbox rows still pending").isZero();

        Map<String, Object> audit = db.sql("""
                        SELECT (SELECT count(*) FROM shared.outbox WHERE topic = 'activity') AS rows,
                               count(DISTINCT outbox_id) AS processed,
                               count(*) AS marks,
                               (SELECT string_agg(who || '=' || n, ' ' ORDER BY who)
                                  FROM (SELECT who, count(*) AS n FROM scaleout_audit GROUP BY who) w) AS by_instance
                        FROM scaleout_audit
                        """).fetch().one().block(Duration.ofSeconds(5));
        report.put(
                "outbox rows (activity) / processed / processing marks",
                audit.get("rows") + " / " + audit.get("processed") + " / " + audit.get("marks") + " (by "
                        + audit.get("by_instance") + ")");
        assertThat(((Number) audit.get("rows")).longValue()).isGreaterThanOrEqualTo(PUBLISHED);
        assertThat(audit.get("processed")).isEqualTo(audit.get("rows"));
        assertThat(audit.get("marks")).as("a row marked processed twice").isEqualTo(audit.get("processed"));

        // every published activity is searchable, whichever instance answers, within the documented two
        // seconds (an instance refreshes the index at most once a second after indexing, so a row marked
        // processed may need up to that long to show)
        for (WebTestClient instance : List.of(onA, onB)) {
            long visibleBy = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            Map<String, Object> found;
            do {
                found = instance.get()
                        .uri("/api/v1/activities?q=扩容索引测试活动&size=50")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                        .returnResult()
                        .getResponseBody();
                if (((Number) found.get("total")).intValue() != PUBLISHED) {
                    sleep(100);
                }
            } while (((Number) found.get("total")).intValue() != PUBLISHED && System.nanoTime() < visibleBy);
            assertThat(found).containsEntry("degraded", false);
            assertThat(((Number) found.get("total")).intValue()).isEqualTo(PUBLISHED);
        }
    }

    /** The instances run with kepu.discovery.replicas=1 and applied it to the live index at startup. */
    private void replicasComeFromTheConfiguration() throws Exception {
        String settings = elasticsearch("GET", "/" + ALIAS + "/_settings/index.number_of_replicas", null);
        assertThat(settings).contains("\"number_of_replicas\":\"1\"");
        report.put("index replicas after the instances started with kepu.discovery.replicas=1", "1");
    }

    /**
     * Check-ins from many participants and searches, through the balancer; A is killed after a third of the
     * check-ins are acknowledged. Clients retry with their Idempotency-Key; the balancer skips the dead
     * instance. Every acknowledged check-in is stored with the id it was given, once.
     */
    private void killingAnInstanceUnderLoadLosesNothingAcknowledged(
            LoadBalancer balancer, AppProcess a, String activity, String token) throws Exception {
        UUID[] participants = new UUID[PARTICIPANTS];
        Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> answers = new TreeMap<>();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY + 1);
        AtomicBoolean loading = new AtomicBoolean(true);
        Map<String, AtomicInteger> searches = new TreeMap<>();
        pool.submit(() -> {
            while (loading.get()) {
                count(searches, search(balancer.baseUrl()));
                sleep(20); // a steady trickle of searches, not a second load test
            }
        });
        long started = System.nanoTime();
        for (int i = 0; i < PARTICIPANTS; i++) {
            participants[i] = UUID.randomUUID();
            UUID participant = participants[i];
            String cookie = checkIns.participantCookie(participant);
            String address = address();
            pool.submit(() -> checkInUntilAcknowledged(
                    balancer.baseUrl(), activity, token, cookie, address, participant, acknowledged, answers, retries));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < PARTICIPANTS / 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        int acknowledgedAtKill = acknowledged.size();
        long[] connectionsBeforeKill = balancer.connections();
        a.kill();
        Thread.sleep(100);
        long[] connectionsAtKill = balancer.connections(); // A takes none from now on
        pool.shutdown();
        while (acknowledged.size() < PARTICIPANTS
                && System.nanoTime() < deadline + Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(20);
        }
        loading.set(false);
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        long took = (System.nanoTime() - started) / 1_000_000;
        long[] connections = balancer.connections();

        Map<UUID, UUID> stored = new HashMap<>();
        db.sql("SELECT participant_id, id FROM checkin.check_in WHERE activity_id = :a")
                .bind("a", UUID.fromString(activity))
                .map(row -> Map.entry(row.get("participant_id", UUID.class), row.get("id", UUID.class)))
                .all()
                .doOnNext(e -> assertThat(stored.put(e.getKey(), e.getValue()))
                        .as("second row for " + e.getKey())
                        .isNull())
                .blockLast(Duration.ofSeconds(30));
        long missing = acknowledged.entrySet().stream()
                .filter(e -> !e.getValue().equals(String.valueOf(stored.get(e.getKey()))))
                .count();
        report.put(
                "kill -9 of A under load",
                String.format(
                        "%d participants, %d clients, A killed after %d acknowledged; %d ms in all; answers %s;"
                                + " retries %d; acknowledged %d, acknowledged but missing or different %d;"
                                + " connections A/B at kill %d/%d, at end %d/%d; searches %s",
                        PARTICIPANTS,
                        CONCURRENCY,
                        acknowledgedAtKill,
                        took,
                        answers,
                        retries.get(),
                        acknowledged.size(),
                        missing,
                        connectionsAtKill[0],
                        connectionsAtKill[1],
                        connections[0],
                        connections[1],
                        searches));

        assertThat(acknowledgedAtKill).isGreaterThanOrEqualTo(PARTICIPANTS / 3);
        assertThat(acknowledged).hasSize(PARTICIPANTS);
        assertThat(missing).isZero();
        // the 20 check-ins of the limit test are the other participant's row
        assertThat(stored).hasSize(PARTICIPANTS + 1);
        // transient answers only: the key still held by the killed instance's claim (409), the participant's budget
        // used up meanwhile (429), connections to the killed instance
        assertThat(answers.keySet())
                .allMatch(k -> List.of("201", "200", "409", "429").contains(k) || k.startsWith("connection"));
        // both instances took work before the kill; B alone after it
        assertThat(connectionsAtKill[0]).isPositive();
        assertThat(connectionsAtKill[1]).isPositive();
        assertThat(connections[0]).isEqualTo(connectionsAtKill[0]);
        // the clients cut off from A reconnected to B (often within the 100 ms before the count at the kill)
        assertThat(connections[1]).isGreaterThan(connectionsBeforeKill[1]);
        assertThat(searches.keySet()).contains("200").allMatch(k -> k.equals("200") || k.startsWith("connection"));
    }

    // ---- helpers

    private AppProcess start(String name, Duration offset) {
        Map<String, String> settings = new HashMap<>();
        // one token window outlives the test, so every client sends the very same body on a retry
        settings.put("kepu.checkin.token-window", "10m");
        settings.put("kepu.discovery.replicas", "1");
        // the outbox audit trigger tells which instance processed a row
        settings.put("spring.r2dbc.properties.applicationName", "kepu-" + name);
        return AppProcess.start("scale-" + name, DATABASE, offset, settings);
    }

    private static WebTestClient on(String baseUrl) {
        return WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private String venueToken(WebTestClient on, String organizerName, String activity) {
        return (String) on.get()
                .uri("/api/v1/organizer/activities/" + activity + "/check-in-token")
                .header("Authorization", "Bearer " + TestAccounts.token(on, organizerName))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("token");
    }

    /** A trigger in this test's database records who marks each activity outbox row processed. */
    private void auditOutboxProcessing() {
        db.sql("""
                        CREATE TABLE IF NOT EXISTS scaleout_audit (outbox_id bigint NOT NULL, who text NOT NULL);
                        TRUNCATE scaleout_audit;
                        CREATE OR REPLACE FUNCTION scaleout_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          INSERT INTO scaleout_audit VALUES (NEW.id, coalesce(nullif(current_setting('application_name'), ''), 'test-jvm'));
                          RETURN NEW;
                        END $$;
                        DROP TRIGGER IF EXISTS scaleout_audit ON shared.outbox;
                        CREATE TRIGGER scaleout_audit AFTER UPDATE OF processed_at ON shared.outbox
                          FOR EACH ROW WHEN (NEW.topic = 'activity' AND NEW.processed_at IS NOT NULL)
                          EXECUTE FUNCTION scaleout_audit();
                        """).then().block(Duration.ofSeconds(10));
        // rows processed before the audit began (the setup's) count as processed once
        db.sql("INSERT INTO scaleout_audit SELECT id, 'before' FROM shared.outbox"
                        + " WHERE topic = 'activity' AND processed_at IS NOT NULL")
                .then()
                .block(Duration.ofSeconds(10));
    }

    private void setReplicas(int replicas) {
        try {
            elasticsearch("PUT", "/" + ALIAS + "/_settings", "{\"index\":{\"number_of_replicas\":" + replicas + "}}");
        } catch (Exception e) {
            System.out.println("could not reset replicas: " + e);
        }
    }

    private String elasticsearch(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + DevStack.get().elasticsearchPort() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> checkIn(
            String base, String activity, String token, String cookie, String address, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/activities/" + activity + "/check-ins"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Cookie", "kepu_pid=" + cookie)
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One participant's client: the same key and body until an answer with a check-in id arrives. */
    private void checkInUntilAcknowledged(
            String base,
            String activity,
            String token,
            String cookie,
            String address,
            UUID participant,
            Map<UUID, String> acknowledged,
            Map<String, AtomicInteger> answers,
            AtomicInteger retries) {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            String outcome;
            try {
                HttpResponse<String> response = checkIn(base, activity, token, cookie, address, key);
                outcome = Integer.toString(response.statusCode());
                Matcher id = CHECK_IN_ID.matcher(response.body());
                if ((response.statusCode() == 201 || response.statusCode() == 200) && id.find()) {
                    count(answers, outcome);
                    acknowledged.put(participant, id.group(1));
                    return;
                }
                if (response.statusCode() == 409 || response.statusCode() == 429) {
                    // a claim left by the killed instance holds the key for a while (409), and retrying meanwhile
                    // uses up the participant's budget (429): a well-behaved client waits as told
                    count(answers, outcome);
                    retries.incrementAndGet();
                    sleep(1000L
                            * Long.parseLong(
                                    response.headers().firstValue("Retry-After").orElse("1")));
                    continue;
                }
                if (response.statusCode() < 500) {
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
            sleep(100);
        }
    }

    private String search(String base) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/activities?q=%E7%A7%91%E6%99%AE"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return Integer.toString(response.statusCode());
        } catch (IOException e) {
            return "connection " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** A client address of its own (the test profile trusts X-Forwarded-For from loopback). */
    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "10.13." + (n / 250) + "." + (n % 250 + 1);
    }

    private static void count(Map<String, AtomicInteger> answers, String outcome) {
        synchronized (answers) {
            answers.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
