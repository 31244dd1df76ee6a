package org.kepu.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.kepu.activity.TestActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Activities and checked-in participants for feedback tests, all through the real API: a 鸠江区 organizer
 * publishes (a 芜湖市 reviewer approves) an on-site activity on 2026-09-12 09:00–17:00 (+08:00); participants
 * check in with the venue code during it and keep their {@code kepu_pid} cookie.
 */
final class FeedbackFixtures {

    static final Instant BEFORE = Instant.parse("2026-08-20T00:00:00Z");
    /** 10:00 in Beijing, an hour into the activity. */
    static final Instant DURING = Instant.parse("2026-09-12T02:00:00Z");

    static final Instant END = Instant.parse("2026-09-12T09:00:00Z");

    final WebTestClient client;
    final TestClock clock;
    final String organizer;
    final String otherOrganizer;
    final String reviewer;
    final String otherReviewer;

    FeedbackFixtures(WebTestClient client, TestClock clock, OrganizerService organizers, CampaignService campaigns) {
        // the machines these tests run on are shared: a slow answer is not a wrong one
        this.client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        this.clock = clock;
        // accounts exist from BEFORE on: a token issued earlier than its account's creation is refused
        clock.set(BEFORE);
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizers);
        this.organizer = accounts.account("340207", Role.ORGANIZER);
        this.otherOrganizer = accounts.account("340207", Role.ORGANIZER);
        this.reviewer = accounts.account("3402", Role.REVIEWER);
        this.otherReviewer = accounts.account("11", Role.REVIEWER);
    }

    /** A published activity (the clock is left before it starts). */
    String publish(String title) {
        clock.set(BEFORE);
        return new TestActivities(client, token(organizer), token(reviewer))
                .publish(TestActivities.onsite(title, "340207", 31.37, 118.40, "2026-09-12"));
    }

    /** Checks a new participant in during the activity (the clock is left there); returns their cookie. */
    String checkIn(String activityId) {
        clock.set(DURING);
        String venueToken = (String)
                as(organizer, HttpMethod.GET, "/api/v1/organizer/activities/" + activityId + "/check-in-token", null)
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("token");
        ResponseCookie cookie = client.post()
                .uri("/api/v1/activities/" + activityId + "/check-ins")
                .header("X-Forwarded-For", address())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"token\":\"" + venueToken + "\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseCookies()
                .getFirst("kepu_pid");
        if (cookie == null) {
            throw new AssertionError("check-in set no participant cookie");
        }
        return cookie.getValue();
    }

    /** Posts feedback as the participant (null: no cookie). */
    WebTestClient.ResponseSpec give(String activityId, String pid, String body) {
        var spec = client.post()
                .uri("/api/v1/activities/" + activityId + "/feedback")
                .header("X-Forwarded-For", address())
                .contentType(MediaType.APPLICATION_JSON);
        if (pid != null) {
            spec = spec.cookie("kepu_pid", pid);
        }
        return spec.bodyValue(body).exchange();
    }

    /** Gives feedback and returns its id. */
    String rate(String activityId, String pid, String body) {
        return (String) give(activityId, pid, body)
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    Map<String, Object> listing(String activityId, String query) {
        return json(client.get()
                .uri("/api/v1/activities/" + activityId + "/feedback" + query)
                .exchange()
                .expectStatus()
                .isOk());
    }

    /** A report from a new anonymous participant (each at its own address). */
    WebTestClient.ResponseSpec report(String feedbackId, String pid) {
        var spec =
                client.post().uri("/api/v1/feedback/" + feedbackId + "/reports").header("X-Forwarded-For", address());
        if (pid != null) {
            spec = spec.cookie("kepu_pid", pid);
        }
        return spec.exchange();
    }

    /** A request as the account, with a bearer token issued at the test clock's time. */
    WebTestClient.ResponseSpec as(String username, HttpMethod method, String uri, String body) {
        var spec = client.method(method).uri(uri).header("Authorization", "Bearer " + token(username));
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    String token(String username) {
        return TestAccounts.token(this.client, username);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(WebTestClient.ResponseSpec response) {
        return response.expectBody(Map.class).returnResult().getResponseBody();
    }

    static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    static String title(String what) {
        return "2026年鸠江区科普反馈" + what + UUID.randomUUID().toString().substring(0, 4);
    }
}
