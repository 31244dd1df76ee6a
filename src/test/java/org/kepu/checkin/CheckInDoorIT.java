package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.web.FrontDoorAnswers;
import org.kepu.shared.web.FrontDoorAnswers.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anonymous JSON check-ins are served in front of the WebFlux chain (the front door); everything else goes through
 * the chain to the controller. The two must not be told apart by a client: each request below is sent once
 * anonymously (the door) and once from a signed-in browser session with its CSRF token (the chain), and both
 * answers must have the same status, problem code, field errors and security and cache headers.
 */
@IntegrationTest
@Import(TestClock.Config.class)
class CheckInDoorIT {

    static final Instant BEFORE = Instant.parse("2026-08-20T00:00:00Z");
    static final Instant DURING = Instant.parse("2026-09-12T02:00:00Z");

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JsonMapper json;

    CheckInFixtures fixtures;

    FrontDoorAnswers door;

    @BeforeEach
    void setUp() {
        clock.set(BEFORE);
        fixtures = new CheckInFixtures(client, organizer, campaigns);
        door = new FrontDoorAnswers(client, json, meters, "/api/v1/activities/{id}/check-ins");
    }

    @Test
    void theDoorAnswersEveryRequestAsTheChainDoes() {
        String id = fixtures.onsiteWithoutFence();
        String elsewhere = fixtures.onsite(); // a 500 m geofence: a position is required
        clock.set(DURING);
        String token = fixtures.venueToken(id);
        TestAccounts.Session session = TestAccounts.signIn(client, fixtures.organizer);

        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("first check-in", "{\"token\":\"" + token + "\"}");
        bodies.put("wrong token", "{\"token\":\"abc\"}");
        bodies.put("malformed JSON", "{\"token\":");
        bodies.put("unknown field", "{\"token\":\"" + token + "\",\"name\":\"张三\"}");
        bodies.put("wrong type", "{\"token\":\"" + token + "\",\"lat\":\"north\"}");
        bodies.put("blank token", "{\"token\":\" \"}");
        bodies.put("latitude out of range", "{\"token\":\"" + token + "\",\"lat\":91,\"lon\":118.4}");
        bodies.put("no body", null);
        bodies.put("over the size limit", "{\"token\":\"" + "x".repeat(1_100_000) + "\"}");
        for (Map.Entry<String, String> c : bodies.entrySet()) {
            door.compare(c.getKey(), "/api/v1/activities/" + id + "/check-ins", c.getValue(), h -> {}, session);
        }
        door.compare(
                "unknown activity",
                "/api/v1/activities/" + UUID.randomUUID() + "/check-ins",
                "{\"token\":\"" + token + "\"}",
                h -> {},
                session);
        door.compare(
                "geofence without a position",
                "/api/v1/activities/" + elsewhere + "/check-ins",
                "{\"token\":\"" + fixtures.venueToken(elsewhere) + "\"}",
                h -> {},
                session);
        door.compare(
                "invalid Idempotency-Key",
                "/api/v1/activities/" + id + "/check-ins",
                "{\"token\":\"" + token + "\"}",
                h -> h.set("Idempotency-Key", "有空格 "),
                session);
    }

    @Test
    void anIdempotentReplayIsMarkedAtTheDoorAsThroughTheChain() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String token = fixtures.venueToken(id);
        TestAccounts.Session session = TestAccounts.signIn(client, fixtures.organizer);
        String body = "{\"token\":\"" + token + "\"}";
        String path = "/api/v1/activities/" + id + "/check-ins";

        double served = door.served();
        var first = client.post()
                .uri(path)
                .header("Idempotency-Key", "door-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult();
        String pid = first.getResponseCookies().getFirst("kepu_pid").getValue();
        Answer doorReplay = door.send(path, body, h -> {
            h.set("Idempotency-Key", "door-1");
            h.set(HttpHeaders.COOKIE, "kepu_pid=" + pid);
        });
        assertThat(door.served())
                .as("both anonymous requests served at the door")
                .isEqualTo(served + 2);

        Consumer<HttpHeaders> signedIn = h -> {
            h.set("Idempotency-Key", "chain-1");
            h.set(HttpHeaders.COOKIE, FrontDoorAnswers.sessionCookies(session));
            h.set("X-XSRF-TOKEN", session.xsrfToken());
        };
        Answer chainFirst = door.send(path, body, signedIn);
        assertThat(chainFirst.status()).isEqualTo(201);
        String chainPid = chainFirst.headers().get(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith("kepu_pid="))
                .findFirst()
                .orElseThrow()
                .split("[=;]")[1];
        Answer chainReplay = door.send(
                path,
                body,
                signedIn.andThen(h -> h.set(
                        HttpHeaders.COOKIE, FrontDoorAnswers.sessionCookies(session) + "; kepu_pid=" + chainPid)));
        assertThat(door.served()).as("session requests go through the chain").isEqualTo(served + 2);

        assertThat(doorReplay.status()).isEqualTo(201);
        assertThat(doorReplay.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(doorReplay.body()).isEqualTo(json.readValue(first.getResponseBodyContent(), Map.class));
        FrontDoorAnswers.assertSame("replay", doorReplay, chainReplay);
    }

    @Test
    void checkInsAtTheDoorAreTimedLikeEveryOtherRequest() {
        String id = fixtures.onsiteWithoutFence();
        clock.set(DURING);
        String token = fixtures.venueToken(id);
        double served = door.served();
        long timed = timedCheckIns("201");
        for (int i = 0; i < 3; i++) {
            assertThat(door.send("/api/v1/activities/" + id + "/check-ins", "{\"token\":\"" + token + "\"}", h -> {})
                            .status())
                    .isEqualTo(201);
        }
        assertThat(door.served()).isEqualTo(served + 3);
        // the timing stops just after the answer is written
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(timedCheckIns("201")).isEqualTo(timed + 3));
    }

    private long timedCheckIns(String status) {
        Timer timer = meters.find("http.server.requests")
                .tag("uri", "/api/v1/activities/{id}/check-ins")
                .tag("method", "POST")
                .tag("status", status)
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
