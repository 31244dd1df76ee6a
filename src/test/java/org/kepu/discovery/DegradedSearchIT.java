package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kepu.activity.TestActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Elasticsearch unreachable (a closed port): writes go on and the outbox keeps them for later, simple
 * searches come from PostgreSQL flagged degraded, and searches that need the index are 503 with Retry-After.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "kepu.devstack.database=kepu_degraded",
            "spring.elasticsearch.uris=http://127.0.0.1:9",
            "spring.elasticsearch.connection-timeout=500ms"
        })
class DegradedSearchIT {

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DatabaseClient db;

    @Test
    void withoutElasticsearchWritesGoOnAndSimpleSearchesFallBack() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        String organizerToken = TestAccounts.token(client, accounts.account("1306", Role.ORGANIZER));
        String reviewerToken = TestAccounts.token(client, accounts.account("13", Role.REVIEWER));
        String id = new TestActivities(client, organizerToken, reviewerToken)
                .publish(TestActivities.onsite("保定市降级模式科普展", "1306", 38.87, 115.46, "2026-09-19"));

        // the change waits in the outbox for the index to come back
        Long pending = db.sql("SELECT count(*) AS n FROM shared.outbox WHERE key = :id AND processed_at IS NULL")
                .bind("id", id)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
        assertThat(pending).isEqualTo(1);

        Map<String, Object> page = client.get()
                .uri("/api/v1/activities?q=降级模式&region=1306")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(page).containsEntry("degraded", true);
        List<Object> ids = ((List<?>) page.get("items"))
                .stream()
                        .map(i -> ((Map<?, ?>) i).get("id"))
                        .map(Object.class::cast)
                        .toList();
        assertThat(ids).containsExactly(id);

        client.get()
                .uri("/api/v1/activities?lat=38.87&lon=115.46&radiusKm=10")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("search-unavailable");
    }
}
