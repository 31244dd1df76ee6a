package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Check-in through the HTTP API on the real engines, with the clock moved around the activity's hours. */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = {"kepu.checkin.per-participant=10", "kepu.checkin.per-address=15"})
class CheckInIT {

    static final Instant BEFORE = Instant.parse("2026-08-20T00:00:00Z");
    /** 10:00 in Beijing, an hour into the activity, at the start of a token window. */
    static final Instant DURING = Instant.parse("2026-09-12T02:00:00Z");

    static final String NEAR = ",\"lat\":31.371,\"lon\":118.401";

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
    IdempotencyPurge purge;

    @Autowired
    CheckInCounts counts;

    @Autowired
    ReactiveStringRedisTemplate redis;

    CheckInFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(BEFORE);
        fixtures = new CheckInFixtures(client, organizer, campaigns);
    }

    @Test
    void aFirstCheckInIsCreatedAndASecondAnswersTheSameRow() {
        String id = fixtures.onsite();
        clock.set(DURING);
        String token = fixtures.venueToken(id);
        var first = client.post()
                .uri("/api/v1/activities/" + id + "/check-ins")
                .header("X-Forwarded-For", address())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"token\":\"" + token + "\"" + NEAR + "}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult();
        ResponseCookie cookie = first.getResponseCookies().getFirst("kepu_pid");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(first.getResponseBody()).containsEntry("firstTime", true).containsKey("checkInId");
        assertThat(first.getResponseBody().get("checkedInAt")).isEqualTo("2026-09-12T10:00:00+08:00");

        checkIn(id, cookie.getValue(), "{\"token\":\"" + token + "\"" + NEAR + "}", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.firstTime")
                .isEqualTo(false)
                .jsonPath("$.checkInId")
                .isEqualTo(first.getResponseBody().get("checkInId"));
        assertThat(rows(id)).isEqualTo(1);
        assertThat(checkIns.count(UUID.fromString(id)).block(Duration.ofSeconds(5)))
                .isEqualTo(1);
        // one row for statistics and the search count, written by the first check-in's batch only
        assertThat(outboxRows(id)).isEqualTo(1);
        // the public detail shows the count
        client.get()
                .uri("/api/v1/activities/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.checkIns")
                .isEqualTo(1);
    }

    @Test
    void aTamperedCookieIsReplacedNotTrusted() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String token = fixtures.venueToken(id);
        String pid = pid();
        checkIn(id, pid, "{\"token\":\"" + token + "\"}", null).expectStatus().isCreated();
        String tampered = pid.substring(0, pid.length() - 2) + (pid.endsWith("AA") ? "BB" : "AA");
        var result = checkIn(id, tampered, "{\"token\":\"" + token + "\"}", null)
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult();
        ResponseCookie replaced = result.getResponseCookies().getFirst("kepu_pid");
        assertThat(replaced).isNotNull();
        assertThat(replaced.getValue()).isNotEqualTo(tampered).isNotEqualTo(pid);
        assertThat(rows(id)).isEqualTo(2);
    }

    @Test
    void tokensAreRejectedWithTheRightCode() {
        String id = fixtures.onsiteWithoutFence();
        String other = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String token = fixtures.venueToken(id);
        String pid = pid();

        // from the future: the clock goes back one window
        clock.set(DURING.minusSeconds(30));
        problem(id, pid, token, 400, "token-invalid");
        clock.set(DURING);
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        problem(id, pid, tampered, 400, "token-invalid");
        problem(id, pid, fixtures.venueToken(other), 400, "token-invalid");
        problem(id, pid, "vk2.abcdef.AAAAAAAAAAAAAAAAAAAAAA", 400, "token-invalid");
        problem(id, pid, "not a token at all", 400, "token-invalid");
        // two windows back
        clock.set(DURING.plusSeconds(60));
        problem(id, pid, token, 422, "token-expired");
        // the previous window
        clock.set(DURING.plusSeconds(59));
        checkIn(id, pid, "{\"token\":\"" + token + "\"}", null).expectStatus().isCreated();
        assertThat(rows(id)).isEqualTo(1);
    }

    @Test
    void checkInIsOpenFromHalfAnHourBeforeTheStartUntilTheEnd() {
        String id = fixtures.onsiteWithoutFence();
        Instant start = Instant.parse("2026-09-12T01:00:00Z");
        clock.set(start.minus(Duration.ofMinutes(31)));
        problem(id, pid(), fixtures.venueToken(id), 422, "not-open");
        clock.set(start.minus(Duration.ofMinutes(30)));
        checkIn(id, pid(), "{\"token\":\"" + fixtures.venueToken(id) + "\"}", null)
                .expectStatus()
                .isCreated();
        clock.set(Instant.parse("2026-09-12T09:00:00Z"));
        problem(id, pid(), fixtures.venueToken(id), 422, "not-open");
    }

    @Test
    void theGeofenceIsEnforced() {
        String id = fixtures.onsite();
        clock.set(DURING);
        String token = fixtures.venueToken(id);
        checkIn(id, pid(), "{\"token\":\"" + token + "\",\"lat\":31.39,\"lon\":118.40}", null)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("outside-geofence");
        checkIn(id, pid(), "{\"token\":\"" + token + "\"}", null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("lat");
        checkIn(id, pid(), "{\"token\":\"" + token + "\",\"lat\":95,\"lon\":118.40}", null)
                .expectStatus()
                .isBadRequest();
        checkIn(id, pid(), "{\"token\":\"" + token + "\"" + NEAR + "}", null)
                .expectStatus()
                .isCreated();
    }

    @Test
    void unknownUnpublishedAndCancelledActivitiesAreNotFound() {
        String cancelled = fixtures.onsiteWithoutFence();
        fixtures.call(
                        fixtures.organizer,
                        HttpMethod.POST,
                        "/api/v1/organizer/activities/" + cancelled + "/cancel",
                        "{\"reason\":\"台风\"}")
                .expectStatus()
                .isOk();
        clock.set(DURING);
        problem(cancelled, pid(), fixtures.venueToken(cancelled), 404, "activity-not-found");
        problem(UUID.randomUUID().toString(), pid(), "vk2.abc.AAAAAAAAAAAAAAAAAAAAAA", 404, "activity-not-found");
    }

    @Test
    void anIdempotencyKeyReplaysRejectsOtherBodiesAndGuardsInFlightRequests() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String token = fixtures.venueToken(id);
        String pid = pid();
        String body = "{\"token\":\"" + token + "\"}";
        Map<?, ?> first = checkIn(id, pid, body, "key-1")
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        // the token has expired meanwhile: the replay still answers what the first request answered
        clock.set(DURING.plus(Duration.ofMinutes(5)));
        checkIn(id, pid, body, "key-1")
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody(Map.class)
                .isEqualTo(first);
        checkIn(id, pid, "{\"token\":\"" + token + "\",\"lat\":31.37,\"lon\":118.4}", "key-1")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("idempotency-key-reused");

        // another request still holds the key
        UUID participant = checkIns.participant(pid).orElseThrow();
        claim(participant, "key-2", clock.instant().plusSeconds(30));
        checkIn(id, pid, body, "key-2")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("idempotency-key-in-flight");
        // a holder that crashed: its lock has run out, so the retry takes over
        claim(participant, "key-3", clock.instant().minusSeconds(1));
        String fresh = fixtures.venueToken(id);
        db.sql("UPDATE checkin.idempotency_key SET request_hash = 'x' WHERE key = 'key-3'")
                .then()
                .block(Duration.ofSeconds(5));
        checkIn(id, pid, "{\"token\":\"" + fresh + "\"}", "key-3")
                .expectStatus()
                .isEqualTo(422);
        // a failed attempt frees its key for a corrected retry
        String other = pid();
        checkIn(id, other, "{\"token\":\"bad\"}", "key-4").expectStatus().isBadRequest();
        checkIn(id, other, "{\"token\":\"" + fresh + "\"}", "key-4")
                .expectStatus()
                .isCreated();
        assertThat(rows(id)).isEqualTo(2);
    }

    @Test
    void waitingForAnInFlightKeyDoesNotUseUpTheParticipantsLimit() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String pid = pid();
        String body = "{\"token\":\"" + fixtures.venueToken(id) + "\"}";
        // the first request's instance died: its claim stays locked while the client retries every second
        claim(
                checkIns.participant(pid).orElseThrow(),
                "orphaned",
                clock.instant().plusSeconds(30));
        for (int i = 0; i < 15; i++) { // the limit in this class is 10
            checkIn(id, pid, body, "orphaned")
                    .expectStatus()
                    .isEqualTo(409)
                    .expectHeader()
                    .valueEquals("Retry-After", "1");
        }
        checkIn(id, pid, body, "fresh").expectStatus().isCreated();
    }

    @Test
    void keysPastTheirLifetimeAreForgotten() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String early = pid();
        checkIn(id, early, "{\"token\":\"" + fixtures.venueToken(id) + "\"}", "purge-early")
                .expectStatus()
                .isCreated();
        clock.set(DURING.plus(Duration.ofHours(2)));
        String later = pid();
        checkIn(id, later, "{\"token\":\"" + fixtures.venueToken(id) + "\"}", "purge-later")
                .expectStatus()
                .isCreated();

        clock.set(DURING.plus(Duration.ofHours(24)).plusSeconds(60)); // the default lifetime is 24 h
        assertThat(purge.purgeAll().block(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(1);
        assertThat(keys("purge-early")).isZero();
        assertThat(keys("purge-later")).isOne();
        // the check-in itself stays, of course
        assertThat(rows(id)).isEqualTo(2);
    }

    long keys(String key) {
        return db.sql("SELECT count(*) AS n FROM checkin.idempotency_key WHERE key = :k")
                .bind("k", key)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    @Test
    void aStaleClaimIsTakenOver() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String pid = pid();
        String body = "{\"token\":\"" + fixtures.venueToken(id) + "\"}";
        checkIn(id, pid, body, "first-try").expectStatus().isCreated();
        db.sql("UPDATE checkin.idempotency_key SET state = 'IN_PROGRESS', locked_until = :t WHERE key = 'first-try'")
                .bind("t", clock.instant().minusSeconds(1))
                .then()
                .block(Duration.ofSeconds(5));
        checkIn(id, pid, body, "first-try").expectStatus().isOk();
        checkIn(id, pid, body, "first-try")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true");
    }

    @Test
    void organizersSeeTheirOwnCodeQrAndFigures() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        fixtures.call(
                        fixtures.organizer,
                        HttpMethod.GET,
                        "/api/v1/organizer/activities/" + id + "/check-in-token",
                        null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.url")
                .value(url -> assertThat((String) url).startsWith("/check-in/" + id + "?t=vk2."))
                .jsonPath("$.expiresAt")
                .isEqualTo("2026-09-12T10:00:30+08:00");
        String svg = fixtures.call(
                        fixtures.organizer,
                        HttpMethod.GET,
                        "/api/v1/organizer/activities/" + id + "/check-in-qr.svg",
                        null)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("image/svg+xml")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(svg).contains("<svg").contains("<path d=\"M");
        for (String path : new String[] {"/check-in-token", "/check-in-qr.svg", "/check-ins"}) {
            fixtures.call(fixtures.otherOrganizer, HttpMethod.GET, "/api/v1/organizer/activities/" + id + path, null)
                    .expectStatus()
                    .isNotFound();
        }
        String token = fixtures.venueToken(id);
        checkIn(id, pid(), "{\"token\":\"" + token + "\"}", null).expectStatus().isCreated();
        clock.advance(Duration.ofMinutes(7));
        checkIn(id, pid(), "{\"token\":\"" + fixtures.venueToken(id) + "\"}", null)
                .expectStatus()
                .isCreated();
        fixtures.call(fixtures.organizer, HttpMethod.GET, "/api/v1/organizer/activities/" + id + "/check-ins", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(2)
                .jsonPath("$.onsite")
                .isEqualTo(2)
                .jsonPath("$.online")
                .isEqualTo(0)
                .jsonPath("$.timeline[0].at")
                .isEqualTo("2026-09-12T10:00:00+08:00")
                .jsonPath("$.timeline[1].at")
                .isEqualTo("2026-09-12T10:05:00+08:00")
                .jsonPath("$.timeline[1].count")
                .isEqualTo(1);
    }

    @Test
    void countsAreRebuiltFromPostgresWhenRedisLostThem() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        checkIn(id, pid(), "{\"token\":\"" + fixtures.venueToken(id) + "\"}", null)
                .expectStatus()
                .isCreated();
        UUID activity = UUID.fromString(id);
        assertThat(checkIns.count(activity).block(Duration.ofSeconds(5))).isEqualTo(1);
        checkIn(id, pid(), "{\"token\":\"" + fixtures.venueToken(id) + "\"}", null)
                .expectStatus()
                .isCreated();
        assertThat(redis.opsForValue().get("kepu:checkin:count:" + id).block(Duration.ofSeconds(5)))
                .isEqualTo("2");
        assertThat(redis.getExpire("kepu:checkin:count:" + id).block(Duration.ofSeconds(5)))
                .isPositive();
        redis.delete("kepu:checkin:count:" + id).block(Duration.ofSeconds(5));
        assertThat(checkIns.count(activity).block(Duration.ofSeconds(5))).isEqualTo(2);
    }

    @Test
    void aCachedCountKeepsTheLatestExactValueWhateverOrderTheWritesArriveIn() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String body = "{\"token\":\"" + fixtures.venueToken(id) + "\"}";
        checkIn(id, pid(), body, null).expectStatus().isCreated();
        checkIn(id, pid(), body, null).expectStatus().isCreated();
        UUID activity = UUID.fromString(id);
        String key = "kepu:checkin:count:" + id;
        assertThat(redis.opsForValue().get(key).block(Duration.ofSeconds(5))).isEqualTo("2");
        // a rebuild that read the count before the second commit and wrote after it must not lower the count
        counts.committed(Map.of(activity, 1L)).block(Duration.ofSeconds(5));
        assertThat(checkIns.count(activity).block(Duration.ofSeconds(5))).isEqualTo(2);
        // nor may a commit's increment land on a rebuilt count that already holds it: commits write their total
        redis.opsForValue().set(key, "1").block(Duration.ofSeconds(5));
        checkIn(id, pid(), body, null).expectStatus().isCreated();
        assertThat(redis.opsForValue().get(key).block(Duration.ofSeconds(5))).isEqualTo("3");
        assertThat(db.sql("SELECT check_ins FROM checkin.activity_count WHERE activity_id = :a")
                        .bind("a", activity)
                        .map(row -> row.get("check_ins", Long.class))
                        .one()
                        .block(Duration.ofSeconds(5)))
                .isEqualTo(3L);
    }

    @Test
    void viewersGetAnOnlineTokenAfterWatchingLongEnough() {
        String hybrid = fixtures.hybrid();
        String onsite = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String pid = pid();
        UUID participant = checkIns.participant(pid).orElseThrow();
        UUID activity = UUID.fromString(hybrid);
        assertThatThrownBy(() -> checkIns.onlineToken(activity, participant, Duration.ofMinutes(4))
                        .block(Duration.ofSeconds(5)))
                .isInstanceOf(WatchTimeTooShort.class);
        assertThatThrownBy(() -> checkIns.onlineToken(UUID.fromString(onsite), participant, Duration.ofMinutes(6))
                        .block(Duration.ofSeconds(5)))
                .isInstanceOf(NotOnline.class);
        OnlineToken token = checkIns.onlineToken(activity, participant, Duration.ofMinutes(5))
                .block(Duration.ofSeconds(5));
        assertThat(token.token()).startsWith("ok2.");
        problem(hybrid, pid(), token.token(), 400, "token-invalid");
        checkIn(hybrid, pid, "{\"token\":\"" + token.token() + "\"}", null)
                .expectStatus()
                .isCreated();
        fixtures.call(fixtures.organizer, HttpMethod.GET, "/api/v1/organizer/activities/" + hybrid + "/check-ins", null)
                .expectBody()
                .jsonPath("$.online")
                .isEqualTo(1);
        clock.set(Instant.parse("2026-09-12T00:55:00Z"));
        assertThatThrownBy(() -> checkIns.onlineToken(activity, participant, Duration.ofMinutes(6))
                        .block(Duration.ofSeconds(5)))
                .isInstanceOf(NotOpen.class);
    }

    @Test
    void participantsAndAddressesAreRateLimited() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String token = fixtures.venueToken(id);
        String pid = pid();
        for (int i = 0; i < 10; i++) {
            checkIn(id, pid, "{\"token\":\"" + token + "\"}", null)
                    .expectStatus()
                    .is2xxSuccessful();
        }
        checkIn(id, pid, "{\"token\":\"" + token + "\"}", null)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate-limited");

        String address = address();
        for (int i = 0; i < 15; i++) {
            checkIn(id, pid(), "{\"token\":\"" + token + "\"}", null, address)
                    .expectStatus()
                    .isCreated();
        }
        checkIn(id, pid(), "{\"token\":\"" + token + "\"}", null, address)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After");
        assertThat(rows(id)).isEqualTo(16);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    String pid() {
        return checkIns.participantCookie(UUID.randomUUID());
    }

    static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    WebTestClient.ResponseSpec checkIn(String id, String pid, String body, String key) {
        return checkIn(id, pid, body, key, address());
    }

    WebTestClient.ResponseSpec checkIn(String id, String pid, String body, String key, String address) {
        var spec = client.post()
                .uri("/api/v1/activities/" + id + "/check-ins")
                .cookie("kepu_pid", pid)
                .header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.bodyValue(body).exchange();
    }

    void problem(String id, String pid, String token, int status, String code) {
        checkIn(id, pid, "{\"token\":\"" + token + "\"}", null)
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    void claim(UUID participant, String key, Instant lockedUntil) {
        db.sql(
                        "INSERT INTO checkin.idempotency_key (participant_id, key, request_hash, state, created_at, locked_until)"
                                + " VALUES (:p, :k, :h, 'IN_PROGRESS', :now, :until)")
                .bind("p", participant)
                .bind("k", key)
                .bind("h", "unknown")
                .bind("now", clock.instant())
                .bind("until", lockedUntil)
                .then()
                .block(Duration.ofSeconds(5));
    }

    long rows(String id) {
        return db.sql("SELECT count(*) AS n FROM checkin.check_in WHERE activity_id = :a")
                .bind("a", UUID.fromString(id))
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    long outboxRows(String id) {
        return db.sql("SELECT count(*) AS n FROM shared.outbox WHERE topic = 'check-in' AND key = :k")
                .bind("k", id)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }
}
