package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.region.Region;
import org.kepu.region.RegionService;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Search on real Elasticsearch, fed by the outbox. Its activities lie in 河北 (13), which no other test uses,
 * and every query is narrowed to it, so the shared database does not disturb the figures.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscoveryIT {

    static final UUID MONTH = CampaignService.demoEditionId("sd-2026");

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    RegionService regions;

    @Autowired
    DiscoveryService discovery;

    String organizerToken;
    String reviewerToken;
    String quzhouMain;
    String weixianTraditional;
    String quzhouOnline;
    String draft;

    @BeforeAll
    void setUp() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        organizerToken = TestAccounts.token(client, accounts.account("1304", Role.ORGANIZER));
        reviewerToken = TestAccounts.token(client, accounts.account("13", Role.REVIEWER));
        quzhouMain = publish(create(
                "130435", "2026年曲周县全国科普月主场活动", "[\"EXHIBITION\",\"EXPERT_LECTURE\"]", "ONSITE", true, "2026-09-12"));
        weixianTraditional =
                publish(create("130434", "魏縣科技館人工智能體驗日", "[\"SCIENCE_MUSEUM\"]", "ONSITE", false, "2026-09-13"));
        quzhouOnline = publish(create(
                "130435",
                "曲周碳达峰碳中和云上科普讲座",
                "[\"CARBON_NEUTRALITY\",\"EXPERT_LECTURE\"]",
                "ONLINE",
                false,
                "2026-09-14"));
        draft = create("130435", "曲周县尚未提交的草稿活动", "[\"OTHER\"]", "ONSITE", false, "2026-09-15");
        discovery.catchUp().block(Duration.ofSeconds(30));
    }

    @Test
    void simplifiedTraditionalAndPinyinQueriesFindTheSameActivities() {
        assertThat(ids("q=曲周&region=13")).contains(quzhouMain, quzhouOnline).doesNotContain(weixianTraditional);
        assertThat(ids("q=魏县&region=13")).containsExactly(weixianTraditional);
        assertThat(ids("q=魏縣科技館&region=13")).first().isEqualTo(weixianTraditional);
        assertThat(ids("q=人工智能&region=13")).containsExactly(weixianTraditional);
        assertThat(ids("q=quzhou&region=13")).contains(quzhouMain, quzhouOnline);
        assertThat(ids("q=tandafeng&region=13")).containsExactly(quzhouOnline);
        assertThat(ids("q=主场活动&region=13")).first().isEqualTo(quzhouMain);
        assertThat(ids("q=科普月主场&region=13")).first().isEqualTo(quzhouMain);
    }

    @Test
    void draftsNeverAppear() {
        assertThat(ids("q=草稿&region=13")).isEmpty();
        assertThat(ids("region=130435&size=100")).doesNotContain(draft);
    }

    @Test
    void aRegionMatchesItsWholeSubtreeAndItsFacetListsTheChildren() {
        Map<String, Object> page = page("region=1304&size=100");
        assertThat(idsOf(page)).contains(quzhouMain, weixianTraditional, quzhouOnline);
        assertThat(ids("region=130434&size=100")).containsExactly(weixianTraditional);
        List<Map<String, Object>> regionFacet = facet(page, "region");
        assertThat(regionFacet)
                .anySatisfy(f -> assertThat(f)
                        .containsEntry("key", "130435")
                        .containsEntry("label", "曲周县")
                        .containsEntry("count", 2));
    }

    @Test
    void choosingACategoryKeepsTheOtherCategoriesCounted() {
        Map<String, Object> page = page("region=1304&category=SCIENCE_MUSEUM&size=100");
        assertThat(idsOf(page)).containsExactly(weixianTraditional);
        assertThat(facet(page, "category"))
                .extracting(f -> f.get("key"))
                .contains("SCIENCE_MUSEUM", "EXHIBITION", "EXPERT_LECTURE");
        assertThat(facet(page, "format")).extracting(f -> f.get("key")).containsExactly("ONSITE");
    }

    @Test
    void formatAndTimeFiltersNarrowTheResults() {
        assertThat(ids("region=1304&format=ONLINE")).containsExactly(quzhouOnline);
        assertThat(ids("region=1304&from=2026-09-13&to=2026-09-13")).containsExactly(weixianTraditional);
    }

    @Test
    void nearMeSortsByDistanceAndReportsIt() {
        Region weixian = regions.require("130434").block(Duration.ofSeconds(5));
        Map<String, Object> page = page("lat=" + weixian.center().lat() + "&lon="
                + weixian.center().lon() + "&radiusKm=100&sort=distance&region=13");
        List<Map<String, Object>> items = items(page);
        assertThat(items.get(0)).containsEntry("id", weixianTraditional);
        assertThat(((Number) items.get(0).get("distanceKm")).doubleValue()).isLessThan(5);
        assertThat(idsOf(page)).doesNotContain(quzhouOnline); // online: no venue, no place on the map
    }

    @Test
    void sortingByDistanceWithoutARadiusListsOnlineActivitiesLastWithoutADistance() {
        Region weixian = regions.require("130434").block(Duration.ofSeconds(5));
        Map<String, Object> page = page("lat=" + weixian.center().lat() + "&lon="
                + weixian.center().lon() + "&sort=distance&region=1304&size=100");
        List<Map<String, Object>> items = items(page);
        assertThat(items.get(0)).containsEntry("id", weixianTraditional).containsKey("distanceKm");
        assertThat(items.get(items.size() - 1))
                .containsEntry("id", quzhouOnline)
                .containsEntry("distanceKm", null);
    }

    @Test
    void cursorsPageWithoutGapsOrRepeats() {
        Map<String, Object> first = page("region=1304&size=2");
        assertThat(items(first)).hasSize(2);
        String cursor = (String) first.get("nextCursor");
        assertThat(cursor).isNotNull();
        Map<String, Object> second = page("region=1304&size=2&cursor=" + cursor);
        assertThat(idsOf(second)).doesNotContainAnyElementsOf(idsOf(first));
        assertThat(java.util.stream.Stream.concat(idsOf(first).stream(), idsOf(second).stream())
                        .toList())
                .contains(quzhouMain, weixianTraditional, quzhouOnline);
    }

    @Test
    void aCancelledActivityLeavesTheDefaultResultsButCanBeAskedFor() {
        String id = publish(create("130435", "曲周县将被取消的科普活动", "[\"OTHER\"]", "ONSITE", false, "2026-09-20"));
        discovery.catchUp().block(Duration.ofSeconds(30));
        assertThat(ids("region=130435&size=100")).contains(id);
        client.post()
                .uri("/api/v1/organizer/activities/" + id + "/cancel")
                .header("Authorization", "Bearer " + organizerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"天气原因\"}")
                .exchange()
                .expectStatus()
                .isOk();
        discovery.catchUp().block(Duration.ofSeconds(30));
        assertThat(ids("region=130435&size=100")).doesNotContain(id);
        assertThat(ids("region=130435&status=CANCELLED&size=100")).contains(id);
    }

    @Test
    void aRebuildSwapsTheIndexAndSearchesFindTheSameActivities() {
        List<String> before = ids("region=1304&size=100");
        String admin = TestAccounts.token(client, new TestAccounts(organizer).account((String) null, Role.ADMIN));
        client.post()
                .uri("/api/v1/admin/search/reindex")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.post()
                .uri("/api/v1/admin/search/reindex")
                .header("Authorization", "Bearer " + organizerToken)
                .exchange()
                .expectStatus()
                .isForbidden();
        discovery.rebuild().block(Duration.ofSeconds(60));
        discovery.catchUp().block(Duration.ofSeconds(30));
        assertThat(ids("region=1304&size=100")).containsExactlyInAnyOrderElementsOf(before);
        client.post()
                .uri("/api/v1/admin/search/reindex")
                .header("Authorization", "Bearer " + admin)
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        bad("size=0", "size");
        bad("size=1000", "size");
        bad("category=ASTROLOGY", "category");
        bad("radiusKm=5", "radiusKm");
        bad("sort=distance", "sort");
        bad("cursor=not-a-cursor", "cursor");
        bad("from=2026-09-20&to=2026-09-10", "from");
        bad("from=yesterday", "from");
        bad("region=abc", "region");
        bad("when=someday", "when");
        bad("color=red", "color");
    }

    private void bad(String query, String parameter) {
        client.get()
                .uri("/api/v1/activities?" + query)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid-parameter")
                .jsonPath("$.errors[0].field")
                .isEqualTo(parameter);
    }

    private String create(String region, String title, String categories, String format, boolean main, String day) {
        Region r = regions.require(region).block(Duration.ofSeconds(5));
        String venue = format.equals("ONLINE")
                ? "\"live\":{\"url\":\"https://live.example.org/" + UUID.randomUUID() + "\"}"
                : "\"venue\":{\"name\":\"" + r.name() + "科技馆\",\"location\":{\"lat\":"
                        + r.center().lat() + ",\"lon\":" + r.center().lon() + "}}";
        String body = "{\"title\":\"" + title + "\",\"campaignId\":\"" + MONTH + "\",\"regionCode\":\"" + region + "\","
                + venue
                + ",\"startsAt\":\"" + day + "T09:00:00+08:00\",\"endsAt\":\"" + day + "T17:00:00+08:00\",\"format\":\""
                + format
                + "\",\"categories\":" + categories + ",\"audiences\":[\"GENERAL_PUBLIC\"],\"mainVenue\":" + main + "}";
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

    private String publish(String id) {
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
        return id;
    }

    private Map<String, Object> page(String query) {
        return client.get()
                .uri("/api/v1/activities?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        assertThat(page).containsEntry("degraded", false);
        return (List<Map<String, Object>>) page.get("items");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> facet(Map<String, Object> page, String name) {
        return ((Map<String, List<Map<String, Object>>>) page.get("facets")).get(name);
    }

    private static List<String> idsOf(Map<String, Object> page) {
        return items(page).stream().map(i -> (String) i.get("id")).toList();
    }

    private List<String> ids(String query) {
        return idsOf(page(query));
    }
}
