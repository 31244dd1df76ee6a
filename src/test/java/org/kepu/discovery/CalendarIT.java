package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A subscriber's calendar follows a cancellation: same UID, higher SEQUENCE, STATUS:CANCELLED. */
@IntegrationTest
class CalendarIT {

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DiscoveryService discovery;

    @Test
    void oneActivityTheFeedAndTheSitemapFollowItsLife() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        String organizerToken = TestAccounts.token(client, accounts.account("1305", Role.ORGANIZER));
        String reviewerToken = TestAccounts.token(client, accounts.account("13", Role.REVIEWER));
        String body = "{\"title\":\"邢台科技馆天文科普夜\",\"campaignId\":\"" + CampaignService.demoEditionId("sd-2026")
                + "\",\"regionCode\":\"1305\",\"venue\":{\"name\":\"邢台科技馆\",\"address\":\"河北省邢台市\",\"location\":{\"lat\":37.07,\"lon\":114.5}},"
                + "\"startsAt\":\"2026-09-18T19:00:00+08:00\",\"endsAt\":\"2026-09-18T21:00:00+08:00\",\"format\":\"ONSITE\","
                + "\"categories\":[\"SCIENCE_MUSEUM\"],\"audiences\":[\"CHILDREN_AND_PARENTS\"],\"description\":\"观星, 讲解; 互动\"}";
        String id = (String) client.post()
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
        client.get()
                .uri("/api/v1/activities/" + id + ".ics")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.post()
                .uri("/api/v1/organizer/activities/" + id + "/submit")
                .header("Authorization", "Bearer " + organizerToken)
                .exchange()
                .expectStatus()
                .isOk();
        client.post()
                .uri("/api/v1/review/activities/" + id + "/approve")
                .header("Authorization", "Bearer " + reviewerToken)
                .exchange()
                .expectStatus()
                .isOk();

        String published = ics("/api/v1/activities/" + id + ".ics");
        assertThat(published)
                .startsWith("BEGIN:VCALENDAR\r\n")
                .contains(
                        "UID:" + id + "@kepu",
                        "DTSTART:20260918T110000Z",
                        "STATUS:CONFIRMED",
                        "DESCRIPTION:观星\\, 讲解\\; 互动",
                        "GEO:37.07;114.5");
        int before = sequence(published);

        client.post()
                .uri("/api/v1/organizer/activities/" + id + "/cancel")
                .header("Authorization", "Bearer " + organizerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"天气原因\"}")
                .exchange()
                .expectStatus()
                .isOk();
        String cancelled = ics("/api/v1/activities/" + id + ".ics");
        assertThat(cancelled).contains("UID:" + id + "@kepu", "STATUS:CANCELLED");
        assertThat(sequence(cancelled)).isGreaterThan(before);

        discovery.catchUp().block(Duration.ofSeconds(30));
        assertThat(ics("/api/v1/feeds/activities.ics?region=1305&status=CANCELLED"))
                .contains("UID:" + id + "@kepu", "STATUS:CANCELLED");
        client.get()
                .uri("/api/v1/feeds/activities.ics?size=0&category=NOPE")
                .exchange()
                .expectStatus()
                .isBadRequest();
        String sitemap = client.get()
                .uri("/sitemap.xml")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(sitemap).contains("/activities/" + id + "</loc>");
    }

    private String ics(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("text/calendar"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static int sequence(String ics) {
        return Integer.parseInt(ics.lines()
                .filter(l -> l.startsWith("SEQUENCE:"))
                .findFirst()
                .orElseThrow()
                .substring(9)
                .trim());
    }
}
