package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kepu.activity.DemoActivities;
import org.kepu.activity.SeedFixture;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Suggestions and the clustered map over the seed activities, in the relevance set's own database. */
@IntegrationTest
@TestPropertySource(properties = "kepu.devstack.database=kepu_relevance")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuggestAndMapIT {

    /** 沙坡头区 in September 2021: four activities on site (the fifth is online, with no place). */
    static final String SHAPOTOU = "bbox=105.0,37.4,105.3,37.6&from=2021-09-01&to=2021-09-30";

    @Autowired
    WebTestClient client;

    @Autowired
    DemoActivities demo;

    @Autowired
    DiscoveryService discovery;

    List<String> seeds;

    @BeforeAll
    void load() {
        SeedFixture.load(demo).block(Duration.ofSeconds(60));
        discovery.catchUp().block(Duration.ofSeconds(60));
        seeds = List.copyOf(SeedFixture.idsByTitle().values());
    }

    @Test
    void suggestsRegionsTitlesAndOrganizers() {
        assertThat(suggest("q=涟源")).contains(Map.of("text", "涟源市", "kind", "region", "id", "431382"));
        assertThat(suggest("q=2018年全国"))
                .contains(Map.of("text", "2018年全国科普日涟源主场活动", "kind", "activity", "id", seeds.get(0)));
        // the year and an opening quote may be left out
        assertThat(suggest("q=全国科普日&size=20")).extracting(s -> s.get("id")).contains(seeds.get(0), seeds.get(10));
        assertThat(suggest("q=流動的光")).extracting(s -> s.get("id")).containsExactly(seeds.get(3));
        List<Map<String, Object>> loudi = suggest("q=娄底市");
        assertThat(loudi)
                .filteredOn(s -> s.get("kind").equals("organizer"))
                .extracting(s -> s.get("text"))
                .containsExactly("娄底市科学技术协会");
        assertThat(loudi)
                .filteredOn(s -> s.get("kind").equals("region"))
                .extracting(s -> s.get("id"))
                .contains("4313");
        assertThat(suggest("q=吉林省科學")).extracting(s -> s.get("text")).contains("吉林省科學技術廳");
    }

    @Test
    void suggestsByPinyinAndInitials() {
        assertThat(suggest("q=shuili")).extracting(s -> s.get("id")).contains(seeds.get(7));
        assertThat(suggest("q=wsjk")).extracting(s -> s.get("id")).contains(seeds.get(8));
    }

    @Test
    void suggestionsRespectTheSize() {
        assertThat(suggest("q=2&size=3")).hasSizeLessThanOrEqualTo(3);
        assertThat(suggest("q=科")).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void badSuggestParametersNameTheParameter() {
        bad("/api/v1/activities/suggest?q=科普&size=0", "size");
        bad("/api/v1/activities/suggest?q=科普&size=21", "size");
        bad("/api/v1/activities/suggest?size=5", "q");
        bad("/api/v1/activities/suggest?q=", "q");
        bad("/api/v1/activities/suggest?q=" + "科".repeat(51), "q");
        bad("/api/v1/activities/suggest?q=科普&color=red", "color");
    }

    @Test
    void theMapClustersWhenZoomedOutAndSplitsWhenZoomedIn() {
        List<Map<String, Object>> far = clusters(SHAPOTOU + "&zoom=3");
        assertThat(far).hasSize(1);
        assertThat(far.get(0)).containsEntry("count", 4).doesNotContainKey("id");
        assertThat(((Number) far.get(0).get("lat")).doubleValue()).isBetween(37.4, 37.6);
        List<Map<String, Object>> near = clusters(SHAPOTOU + "&zoom=18");
        assertThat(near).hasSize(4).allSatisfy(c -> assertThat(c).containsEntry("count", 1));
        assertThat(near)
                .extracting(c -> c.get("id"))
                .containsExactlyInAnyOrder(seeds.get(5), seeds.get(6), seeds.get(7), seeds.get(8));
    }

    @Test
    void theMapTakesTheSearchFilters() {
        assertThat(clusters(SHAPOTOU + "&zoom=3&q=碳达峰"))
                .singleElement()
                .satisfies(c -> assertThat(c).containsEntry("count", 2).doesNotContainKey("id"));
        assertThat(clusters(SHAPOTOU + "&zoom=3&q=卫生健康"))
                .singleElement()
                .satisfies(c -> assertThat(c).containsEntry("count", 1).containsEntry("id", seeds.get(8)));
        assertThat(clusters(SHAPOTOU + "&zoom=3&category=WATER"))
                .extracting(c -> c.get("id"))
                .containsExactly(seeds.get(7));
        assertThat(clusters("bbox=0,0,1,1&zoom=5")).isEmpty();
    }

    @Test
    void badMapParametersNameTheParameter() {
        bad("/api/v1/activities/map?bbox=1,2,3&zoom=5", "bbox");
        bad("/api/v1/activities/map?bbox=10,0,5,1&zoom=5", "bbox");
        bad("/api/v1/activities/map?bbox=a,b,c,d&zoom=5", "bbox");
        bad("/api/v1/activities/map?zoom=5", "bbox");
        bad("/api/v1/activities/map?bbox=100,30,110,40&zoom=30", "zoom");
        bad("/api/v1/activities/map?bbox=100,30,110,40", "zoom");
        bad("/api/v1/activities/map?bbox=100,30,110,40&zoom=5&category=ASTROLOGY", "category");
    }

    private void bad(String uri, String parameter) {
        client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid-parameter")
                .jsonPath("$.errors[0].field")
                .isEqualTo(parameter);
    }

    private List<Map<String, Object>> suggest(String query) {
        return get("/api/v1/activities/suggest?" + query).get("suggestions");
    }

    private List<Map<String, Object>> clusters(String query) {
        return get("/api/v1/activities/map?" + query).get("clusters");
    }

    private Map<String, List<Map<String, Object>>> get(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, List<Map<String, Object>>>>() {})
                .returnResult()
                .getResponseBody();
    }
}
