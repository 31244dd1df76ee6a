package org.kepu.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kepu.campaign.TestCampaigns.anEdition;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockUser;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Setting up and editing editions over HTTP, as an admin. There is no login yet, so the caller is a mock
 * user. Each test uses its own year (2090–2094) so editions never collide across tests.
 */
@IntegrationTest
class AdminCampaignApiIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    ApplicationContext context;

    private WebTestClient anonymous;

    @BeforeEach
    void client() {
        anonymous = WebTestClient.bindToApplicationContext(context)
                .apply(springSecurity())
                .configureClient()
                .build();
    }

    @Test
    void creatingAnEditionAnswers201WithItsLocationAndTheEdition() {
        var result = admin().post()
                .uri("/api/v1/admin/campaigns")
                .bodyValue(anEdition()
                        .inYear(2090)
                        .at(CampaignLevel.CITY, "340200")
                        .named("2090年芜湖市科普日")
                        .evidenceDueDays(null)
                        .json())
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult();
        Map<String, Object> created = result.getResponseBody();
        String id = (String) created.get("id");
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/v1/admin/campaigns/" + id);
        assertThat(created)
                .containsEntry("level", "CITY")
                .containsEntry("region", Map.of("code", "3402", "name", "芜湖市"))
                .containsEntry("name", "2090年芜湖市科普日")
                .containsEntry("evidenceDueDays", 10)
                .containsEntry("version", 0);

        assertThat(get(admin(), "/api/v1/admin/campaigns/" + id)).isEqualTo(created);
        Map<String, Object> published = get(anonymous, "/api/v1/campaigns/" + id);
        assertThat(published).doesNotContainKey("version").containsEntry("name", "2090年芜湖市科普日");
    }

    @Test
    void anEditWithTheCurrentVersionIsSavedAndBumpsTheVersion() {
        String id = create(anEdition().inYear(2091));
        Map<String, Object> edited = put(id, 0, anEdition().inYear(2091).themed("新主题"))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(edited).containsEntry("theme", "新主题").containsEntry("version", 1);
        put(id, 1, anEdition().inYear(2091).themed("再改一次"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);
        assertThat(get(anonymous, "/api/v1/campaigns/" + id)).containsEntry("theme", "再改一次");
    }

    @Test
    void anEditBasedOnAStaleVersionIsA409AndChangesNothing() {
        String id = create(anEdition().inYear(2092));
        put(id, 0, anEdition().inYear(2092).themed("先到")).expectStatus().isOk();
        put(id, 0, anEdition().inYear(2092).themed("后到"))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("campaign-edition-changed");
        assertThat(get(anonymous, "/api/v1/campaigns/" + id)).containsEntry("theme", "先到");
    }

    @Test
    void editingAnUnknownEditionIsA404() {
        put(UUID.randomUUID().toString(), 0, anEdition().inYear(2093))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("campaign-edition-not-found");
    }

    @Test
    void aSecondEditionForTheSameCampaignYearAndPlaceIsA409() {
        create(anEdition().inYear(2094));
        String week = create(anEdition().inYear(2094).kind(CampaignKind.SCIENCE_WEEK));
        admin().post()
                .uri("/api/v1/admin/campaigns")
                .bodyValue(anEdition().inYear(2094).named("另一个名字").json())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("campaign-edition-exists");
        // turning the week into a second Science Day collides too
        put(week, 0, anEdition().inYear(2094))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("campaign-edition-exists");
    }

    @Test
    void aRegionOfAnotherLevelIsA400NamingTheRegionCode() {
        assertThat(rejected(anEdition()
                        .inYear(2095)
                        .at(CampaignLevel.PROVINCE, "3402")
                        .json()))
                .containsExactly("regionCode:level-mismatch");
        assertThat(rejected(
                        anEdition().inYear(2095).at(CampaignLevel.COUNTY, "34").json()))
                .containsExactly("regionCode:level-mismatch");
    }

    @Test
    void everyRuleIsAnsweredWithTheFieldAtFault() {
        assertThat(rejected(without("kind"))).containsExactly("kind:required");
        assertThat(rejected(with("kind", "SUMMER"))).containsExactly("kind:invalid-value");
        assertThat(rejected(without("year"))).contains("year:required");
        assertThat(rejected(with("year", 2101))).contains("year:out-of-range");
        assertThat(rejected(without("level"))).containsExactly("level:required");
        assertThat(rejected(with("name", " "))).containsExactly("name:required");
        assertThat(rejected(with("name", "科".repeat(101)))).containsExactly("name:too-long");
        assertThat(rejected(without("theme"))).containsExactly("theme:required");
        assertThat(rejected(with("theme", "科".repeat(201)))).containsExactly("theme:too-long");
        assertThat(rejected(without("startsOn"))).containsExactly("startsOn:required");
        assertThat(rejected(with("startsOn", "2096-09-14"))).contains("startsOn:outside-year");
        assertThat(rejected(with("startsOn", "2095-13-01"))).containsExactly("startsOn:invalid-value");
        assertThat(rejected(without("endsOn"))).containsExactly("endsOn:required");
        assertThat(rejected(with("endsOn", "2095-09-13"))).containsExactly("endsOn:before-start");
        assertThat(rejected(with("endsOn", "2095-11-30"))).containsExactly("endsOn:too-many-days");
        assertThat(rejected(with("registrationOpensOn", "2095-09-15")))
                .containsExactly("registrationOpensOn:after-start");
        assertThat(rejected(with("registrationOpensOn", "2093-12-31")))
                .containsExactly("registrationOpensOn:out-of-range");
        assertThat(rejected(with("evidenceDueDays", 0))).containsExactly("evidenceDueDays:out-of-range");
        assertThat(rejected(with("evidenceDueDays", 61))).containsExactly("evidenceDueDays:out-of-range");
        assertThat(rejected(with("regionCode", "34"))).containsExactly("regionCode:not-allowed");
        assertThat(rejected(anEdition()
                        .inYear(2095)
                        .at(CampaignLevel.PROVINCE, null)
                        .json()))
                .containsExactly("regionCode:required");
        assertThat(rejected(
                        anEdition().inYear(2095).at(CampaignLevel.COUNTY, "abc").json()))
                .containsExactly("regionCode:invalid-region-code");
        assertThat(rejected(anEdition()
                        .inYear(2095)
                        .at(CampaignLevel.COUNTY, "349999")
                        .json()))
                .containsExactly("regionCode:region-not-found");
        assertThat(rejected(with("colour", "red"))).containsExactly("colour:unknown-field");
    }

    @Test
    void allFaultsOfOneRequestAreReportedTogether() {
        Map<String, Object> body = anEdition()
                .inYear(2095)
                .at(CampaignLevel.PROVINCE, "3402")
                .named("")
                .evidenceDueDays(99)
                .json();
        body.put("endsOn", "2095-09-01");
        assertThat(rejected(body))
                .containsExactlyInAnyOrder(
                        "name:required",
                        "endsOn:before-start",
                        "evidenceDueDays:out-of-range",
                        "regionCode:level-mismatch");
    }

    @Test
    void anEditWithoutAVersionIsRejected() {
        String id = UUID.randomUUID().toString();
        List<Map<String, Object>> errors = list(admin().put()
                .uri("/api/v1/admin/campaigns/" + id)
                .bodyValue(anEdition().inYear(2095).json())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("errors"));
        assertThat(errors).extracting(e -> e.get("field") + ":" + e.get("code")).containsExactly("version:required");
    }

    @Test
    void withoutAnAccountTheAdminApiIsA401() {
        anonymous
                .post()
                .uri("/api/v1/admin/campaigns")
                .bodyValue(anEdition().inYear(2095).json())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
        anonymous
                .put()
                .uri("/api/v1/admin/campaigns/" + UUID.randomUUID())
                .bodyValue(anEdition().inYear(2095).json())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void anAccountWithoutTheAdminRoleIsA403() {
        WebTestClient organizer = anonymous.mutateWith(mockUser("organizer").roles("ORGANIZER"));
        organizer
                .post()
                .uri("/api/v1/admin/campaigns")
                .bodyValue(anEdition().inYear(2095).json())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        organizer
                .get()
                .uri("/api/v1/admin/campaigns/" + UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private WebTestClient admin() {
        return anonymous.mutateWith(mockUser("admin").roles("ADMIN"));
    }

    private String create(TestCampaigns.Builder edition) {
        return (String) admin().post()
                .uri("/api/v1/admin/campaigns")
                .bodyValue(edition.json())
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    private WebTestClient.ResponseSpec put(String id, long version, TestCampaigns.Builder edition) {
        Map<String, Object> body = edition.json();
        body.put("version", version);
        return admin().put()
                .uri("/api/v1/admin/campaigns/" + id)
                .bodyValue(body)
                .exchange();
    }

    private static Map<String, Object> get(WebTestClient client, String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    /** A valid 2095 national edition with one field changed; never stored, since each case fails. */
    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = anEdition().inYear(2095).json();
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> body = anEdition().inYear(2095).json();
        body.remove(field);
        return body;
    }

    /** Posts the body, expects a validation-failed problem, and answers its errors as "field:code". */
    private List<String> rejected(Map<String, Object> body) {
        Map<String, Object> problem = admin().post()
                .uri("/api/v1/admin/campaigns")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(problem).containsEntry("code", "validation-failed").containsEntry("status", 400);
        return list(problem.get("errors")).stream()
                .map(e -> e.get("field") + ":" + e.get("code"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object errors) {
        return (List<Map<String, Object>>) errors;
    }
}
