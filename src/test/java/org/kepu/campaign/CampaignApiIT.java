package org.kepu.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kepu.campaign.TestCampaigns.anEdition;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The public campaign API: no account needed. Uses the year 2081 only, so other tests' editions do not mix in. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignApiIT {

    private static final int YEAR = 2081;

    @Autowired
    WebTestClient client;

    @Autowired
    CampaignService campaigns;

    private CampaignEdition national;
    private CampaignEdition anhui;
    private CampaignEdition wuhu;
    private CampaignEdition jiujiang;
    private CampaignEdition qinghai;
    private CampaignEdition week;

    @BeforeAll
    void editions() {
        national = create(anEdition().inYear(YEAR));
        anhui = create(below(CampaignLevel.PROVINCE, "34", "安徽省", 15));
        wuhu = create(below(CampaignLevel.CITY, "340200", "芜湖市", 16)); // zero-padded form, stored as 3402
        jiujiang = create(below(CampaignLevel.COUNTY, "340207", "鸠江区", 17));
        qinghai = create(below(CampaignLevel.PROVINCE, "63", "青海省", 18));
        week = create(anEdition()
                .inYear(YEAR)
                .kind(CampaignKind.SCIENCE_WEEK)
                .named(YEAR + "年全国科技活动周")
                .running(LocalDate.of(YEAR, 5, 20), LocalDate.of(YEAR, 5, 27))
                .registrationOpensOn(null));
    }

    @Test
    void editionsOfAYearAreListedLatestStartFirst() {
        assertThat(ids("/api/v1/campaigns?year=" + YEAR))
                .containsExactly(ids(qinghai, jiujiang, wuhu, anhui, national, week));
    }

    @Test
    void aPlaceSeesItsOwnEditionsThoseAboveItAndTheNationalOnes() {
        assertThat(ids("/api/v1/campaigns?year=" + YEAR + "&kind=SCIENCE_DAY&region=340207"))
                .containsExactly(ids(jiujiang, wuhu, anhui, national));
        assertThat(ids("/api/v1/campaigns?year=" + YEAR + "&kind=SCIENCE_DAY&region=340200"))
                .containsExactly(ids(wuhu, anhui, national));
        assertThat(ids("/api/v1/campaigns?year=" + YEAR + "&region=63")).containsExactly(ids(qinghai, national, week));
        assertThat(ids("/api/v1/campaigns?year=" + YEAR + "&kind=SCIENCE_WEEK")).containsExactly(ids(week));
    }

    @Test
    void anEditionHasExactlyTheDocumentedFieldsWithItsRegionNamed() {
        Map<String, Object> city = one("/api/v1/campaigns/" + wuhu.id());
        assertThat(city.keySet())
                .containsExactlyInAnyOrder(
                        "id",
                        "kind",
                        "year",
                        "level",
                        "region",
                        "name",
                        "theme",
                        "startsOn",
                        "endsOn",
                        "registrationOpensOn",
                        "evidenceDueDays");
        assertThat(city)
                .containsEntry("id", wuhu.id().toString())
                .containsEntry("kind", "SCIENCE_DAY")
                .containsEntry("year", YEAR)
                .containsEntry("level", "CITY")
                .containsEntry("region", Map.of("code", "3402", "name", "芜湖市"))
                .containsEntry("name", YEAR + "年芜湖市科普日")
                .containsEntry("startsOn", YEAR + "-09-16")
                .containsEntry("endsOn", YEAR + "-09-22")
                .containsEntry("registrationOpensOn", YEAR + "-07-01")
                .containsEntry("evidenceDueDays", 10);
    }

    @Test
    void aNationalEditionHasNoRegionAndAnUnsetOpeningIsNull() {
        assertThat(one("/api/v1/campaigns/" + week.id()))
                .containsEntry("level", "NATIONAL")
                .containsEntry("region", null)
                .containsEntry("registrationOpensOn", null);
    }

    @Test
    void badFilterValuesAre400ProblemsNamingTheParameter() {
        problem("/api/v1/campaigns?kind=SUMMER", 400, "invalid-parameter", "kind");
        problem("/api/v1/campaigns?year=next", 400, "invalid-parameter", "year");
        problem("/api/v1/campaigns?year=1999", 400, "invalid-parameter", "year");
        problem("/api/v1/campaigns?region=abc", 400, "invalid-region-code", "region");
        problem("/api/v1/campaigns?region=99", 400, "invalid-parameter", "region");
    }

    @Test
    void aMalformedIdIsA400AndAnUnknownOneA404() {
        problem("/api/v1/campaigns/not-a-uuid", 400, "invalid-parameter", "id");
        client.get()
                .uri("/api/v1/campaigns/" + UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("campaign-edition-not-found");
    }

    private TestCampaigns.Builder below(CampaignLevel level, String code, String place, int startDay) {
        return anEdition()
                .inYear(YEAR)
                .at(level, code)
                .named(YEAR + "年" + place + "科普日")
                .running(LocalDate.of(YEAR, 9, startDay), LocalDate.of(YEAR, 9, startDay + 6));
    }

    private CampaignEdition create(TestCampaigns.Builder edition) {
        return campaigns.create(edition.create()).block(Duration.ofSeconds(10));
    }

    private static String[] ids(CampaignEdition... editions) {
        return java.util.Arrays.stream(editions).map(e -> e.id().toString()).toArray(String[]::new);
    }

    private List<Object> ids(String uri) {
        List<Map<String, Object>> editions = client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
        return editions.stream().map(e -> e.get("id")).toList();
    }

    private Map<String, Object> one(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    private void problem(String uri, int status, String code, String field) {
        client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }
}
