package org.kepu.checkin;

import java.time.Duration;
import java.util.Map;
import org.kepu.campaign.CampaignService;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Published activities for check-in tests, made through the real API: a 鸠江区 organizer creates and submits,
 * a 芜湖市 reviewer approves. Default: on site, 2026-09-12 09:00–17:00 (+08:00), 500 m radius around
 * (31.37, 118.40). Call with the test clock before the start (e.g. 2026-08-20).
 */
final class CheckInFixtures {

    final WebTestClient client;
    final String organizer;
    final String otherOrganizer;
    final String reviewer;

    CheckInFixtures(WebTestClient client, OrganizerService organizer, CampaignService campaigns) {
        this.client = client;
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        this.organizer = accounts.account("340207", Role.ORGANIZER);
        this.otherOrganizer = accounts.account("340207", Role.ORGANIZER);
        this.reviewer = accounts.account("3402", Role.REVIEWER);
    }

    String onsite() {
        return publish("\"format\":\"ONSITE\",\"checkInRadiusM\":500");
    }

    String onsiteWithoutFence() {
        return publish("\"format\":\"ONSITE\"");
    }

    String hybrid() {
        return publish("\"format\":\"HYBRID\",\"live\":{\"url\":\"https://live.example.cn/kepu/1\"}");
    }

    String publish(String formatFields) {
        String body = "{\"title\":\"2026年鸠江区科普月打卡活动\",\"campaignId\":\"" + CampaignService.demoEditionId("sd-2026")
                + "\",\"regionCode\":\"340207\","
                + "\"venue\":{\"name\":\"鸠江区科技馆\",\"address\":\"安徽省芜湖市鸠江区\",\"location\":{\"lat\":31.37,\"lon\":118.40}},"
                + "\"startsAt\":\"2026-09-12T09:00:00+08:00\",\"endsAt\":\"2026-09-12T17:00:00+08:00\","
                + "\"categories\":[\"EXHIBITION\"],\"audiences\":[\"GENERAL_PUBLIC\"],"
                + "\"description\":\"科普展览与打卡。\"," + formatFields + "}";
        String id = (String) call(organizer, HttpMethod.POST, "/api/v1/organizer/activities", body)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        call(organizer, HttpMethod.POST, "/api/v1/organizer/activities/" + id + "/submit", null)
                .expectStatus()
                .isOk();
        call(reviewer, HttpMethod.POST, "/api/v1/review/activities/" + id + "/approve", null)
                .expectStatus()
                .isOk();
        return id;
    }

    /** The organizer's current venue token. */
    String venueToken(String activityId) {
        return (String)
                call(organizer, HttpMethod.GET, "/api/v1/organizer/activities/" + activityId + "/check-in-token", null)
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("token");
    }

    /** Signs the account in at the test clock's time (bearer tokens expire as the clock moves). */
    WebTestClient.ResponseSpec call(String username, HttpMethod method, String uri, String body) {
        var spec = client.method(method)
                .uri(uri)
                .header("Authorization", "Bearer " + TestAccounts.token(client, username));
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
