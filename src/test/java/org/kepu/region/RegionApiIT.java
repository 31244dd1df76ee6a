package org.kepu.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class RegionApiIT {

    @Autowired
    WebTestClient client;

    @Test
    void withoutAParentTheApiListsThe31ProvincesWithCentres() {
        List<Map<String, Object>> provinces = list("/api/v1/regions");
        assertThat(provinces).hasSize(31);
        assertThat(provinces).extracting(p -> p.get("name")).contains("北京市", "安徽省", "宁夏回族自治区");
        Map<String, Object> ningxia = provinces.stream()
                .filter(p -> p.get("code").equals("64"))
                .findFirst()
                .orElseThrow();
        assertThat(ningxia).containsEntry("shortName", "宁夏").containsEntry("level", "PROVINCE");
        assertThat(ningxia.get("center"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("lat", "lon");
    }

    @Test
    void childrenCascadeFromProvinceToCityToCounty() {
        assertThat(list("/api/v1/regions?parent=34"))
                .extracting(c -> c.get("name"))
                .contains("芜湖市");
        List<Map<String, Object>> counties = list("/api/v1/regions?parent=3402");
        assertThat(counties).extracting(c -> c.get("name")).contains("鸠江区");
        assertThat(counties)
                .allSatisfy(c -> assertThat(c).containsEntry("parent", "3402").containsEntry("level", "COUNTY"));
        // the zero-padded form used on official forms means the same city
        assertThat(list("/api/v1/regions?parent=340200")).hasSameSizeAs(counties);
    }

    @Test
    void oneRegionComesWithItsPath() {
        client.get()
                .uri("/api/v1/regions/340207")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("鸠江区")
                .jsonPath("$.shortName")
                .isEqualTo("鸠江")
                .jsonPath("$.path[0].name")
                .isEqualTo("安徽省")
                .jsonPath("$.path[1].code")
                .isEqualTo("3402")
                .jsonPath("$.path.length()")
                .isEqualTo(2);
    }

    @Test
    void anUnknownCodeIsA404Problem() {
        problem("/api/v1/regions/349999", 404, "region-not-found");
        problem("/api/v1/regions?parent=99", 404, "region-not-found");
    }

    @Test
    void aMalformedCodeIsA400ProblemNamingTheParameter() {
        problem("/api/v1/regions/abc", 400, "invalid-region-code")
                .jsonPath("$.errors[0].field")
                .isEqualTo("code");
        problem("/api/v1/regions?parent=3", 400, "invalid-region-code")
                .jsonPath("$.errors[0].field")
                .isEqualTo("parent");
        problem("/api/v1/regions/" + "1".repeat(300), 400, "invalid-region-code");
    }

    private List<Map<String, Object>> list(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.BodyContentSpec problem(String uri, int status, String code) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }
}
