package org.kepu.activity;

import java.util.Map;
import org.kepu.campaign.CampaignService;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Drives an activity through the real HTTP workflow as an organizer and a reviewer, for tests of any module. */
public record TestActivities(WebTestClient client, String organizerToken, String reviewerToken) {

    /** An on-site 2026 Science Month activity body for one day in the region, at the given point. */
    public static String onsite(String title, String region, double lat, double lon, String day) {
        return "{\"title\":\"" + title + "\",\"campaignId\":\"" + CampaignService.demoEditionId("sd-2026")
                + "\",\"regionCode\":\"" + region + "\",\"venue\":{\"name\":\"" + title.substring(0, 2)
                + "科技馆\",\"address\":\"测试地址\",\"location\":{\"lat\":" + lat + ",\"lon\":" + lon + "}},"
                + "\"startsAt\":\"" + day + "T09:00:00+08:00\",\"endsAt\":\"" + day + "T17:00:00+08:00\","
                + "\"format\":\"ONSITE\",\"categories\":[\"EXHIBITION\"],\"audiences\":[\"GENERAL_PUBLIC\"]}";
    }

    /** Creates a draft; returns its id. */
    public String create(String body) {
        return (String) client.post()
                .uri("/api/v1/organizer/activities")
                .header("Authorization", "Bearer " + organizerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    /** Creates, submits and approves; returns the id. */
    public String publish(String body) {
        String id = create(body);
        client.post()
                .uri("/api/v1/organizer/activities/" + id + "/submit")
                .header("Authorization", "Bearer " + organizerToken)
                .exchange()
                .expectStatus()
                .isOk();
        approve(id);
        return id;
    }

    /** Saves {@code body} over the activity's current version (read first); returns the new status. */
    public String edit(String id, String body) {
        Number version = (Number) client.get()
                .uri("/api/v1/organizer/activities/" + id)
                .header("Authorization", "Bearer " + organizerToken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("version");
        String versioned = body.substring(0, body.lastIndexOf('}')) + ",\"version\":" + version + "}";
        return (String) client.put()
                .uri("/api/v1/organizer/activities/" + id)
                .header("Authorization", "Bearer " + organizerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(versioned)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("status");
    }

    public void approve(String id) {
        client.post()
                .uri("/api/v1/review/activities/" + id + "/approve")
                .header("Authorization", "Bearer " + reviewerToken)
                .exchange()
                .expectStatus()
                .isOk();
    }

    public void cancel(String id, String reason) {
        client.post()
                .uri("/api/v1/organizer/activities/" + id + "/cancel")
                .header("Authorization", "Bearer " + organizerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"" + reason + "\"}")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
