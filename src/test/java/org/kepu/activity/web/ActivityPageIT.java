package org.kepu.activity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kepu.activity.TestActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** The activity page's HTML carries its head (title, description, Open Graph, JSON-LD) as the server sends it. */
@IntegrationTest
class ActivityPageIT {

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    JsonMapper json;

    private static final Pattern LD =
            Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void aPublishedActivitysPageHasItsHeadWithSafeJsonLd() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        TestActivities workflow = new TestActivities(
                client,
                TestAccounts.token(client, accounts.account("3402", Role.ORGANIZER)),
                TestAccounts.token(client, accounts.account("34", Role.REVIEWER)));
        String body = TestActivities.onsite("芜湖\\\"天文\\\"之夜 <b>", "3402", 31.33, 118.43, "2026-09-19")
                .replaceFirst(
                        "\"format\":\"ONSITE\"",
                        "\"format\":\"ONSITE\",\"description\":\"看星星</script><script>alert(1)</script> & 讲座\"");
        String id = workflow.publish(body);

        String html = page("/activities/" + id, 200);

        assertThat(html).contains("<title>芜湖&quot;天文&quot;之夜 &lt;b&gt; · 科普活动平台 Kepu</title>");
        assertThat(html).contains("<meta property=\"og:title\" content=\"芜湖&quot;天文&quot;之夜 &lt;b&gt;\" />");
        assertThat(html).contains("<meta name=\"description\" content=\"看星星&lt;/script&gt;");
        assertThat(html).containsPattern("<meta property=\"og:url\" content=\"http://[^\"]+/activities/" + id + "\"");
        assertThat(html).doesNotContain("<script>alert(1)</script>");
        // The one data block ends at its own </script>; the description's markup is escaped inside it.
        Matcher ld = LD.matcher(html);
        assertThat(ld.find()).isTrue();
        String ldText = ld.group(1);
        assertThat(ldText).doesNotContain("<").contains("\\u003c/script\\u003e");
        @SuppressWarnings("unchecked")
        Map<String, Object> event = json.readValue(ldText, Map.class);
        assertThat(event)
                .containsEntry("@type", "Event")
                .containsEntry("name", "芜湖\"天文\"之夜 <b>")
                .containsEntry("eventStatus", "https://schema.org/EventScheduled")
                .containsEntry("eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode")
                .containsEntry("startDate", "2026-09-19T09:00+08:00");
        assertThat((String) event.get("description")).startsWith("看星星</script><script>alert(1)</script> & 讲座");
        assertThat(event.get("location").toString()).contains("Place", "芜湖科技馆", "118.43");
        assertThat(event.get("organizer").toString()).contains("Organization");

        workflow.cancel(id, "天气原因");
        assertThat(page("/activities/" + id, 200)).contains("https://schema.org/EventCancelled");
    }

    @Test
    void unknownOrUnpublishedActivitiesAreA404PageThatIsNotIndexed() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        TestActivities workflow = new TestActivities(
                client,
                TestAccounts.token(client, accounts.account("3402", Role.ORGANIZER)),
                TestAccounts.token(client, accounts.account("34", Role.REVIEWER)));
        String draft = workflow.create(TestActivities.onsite("芜湖草稿活动", "3402", 31.33, 118.43, "2026-09-20"));

        for (String path : new String[] {
            "/activities/" + draft, "/activities/00000000-0000-0000-0000-000000000000", "/activities/not-a-uuid"
        }) {
            String html = page(path, 404);
            assertThat(html)
                    .contains("<meta name=\"robots\" content=\"noindex\" />")
                    .doesNotContain("ld+json");
        }
    }

    @Test
    void thePageRoutesServeTheFrontEndsPage() {
        for (String path : new String[] {
            "/search",
            "/check-in/00000000-0000-0000-0000-000000000001",
            "/live/00000000-0000-0000-0000-000000000001",
            "/organizer",
            "/organizer/activities/new",
            "/review",
            "/review/activities/00000000-0000-0000-0000-000000000001",
            "/big-screen"
        }) {
            assertThat(page(path, 200)).contains("<main id=\"main\"", "name=\"kepu-map-tiles\"");
        }
    }

    private String page(String path, int status) {
        return client.get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .valueEquals("Cache-Control", "no-cache")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
