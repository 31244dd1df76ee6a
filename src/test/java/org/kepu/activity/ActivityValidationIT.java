package org.kepu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every activity rule answers problem+json naming the field and the rule, and stores nothing. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityValidationIT {

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DatabaseClient db;

    String token;
    java.util.UUID unit;

    @BeforeAll
    void setUp() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        var accounts = new TestAccounts(organizer);
        var orgUnit = accounts.unit("340207");
        unit = orgUnit.id();
        token = TestAccounts.token(
                client, accounts.accountIn(orgUnit, Role.ORGANIZER).username());
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("\"title\":\"科普\"", "title", "length"),
                Arguments.of("\"title\":null", "title", "required"),
                Arguments.of("\"title\":\"" + "长".repeat(101) + "\"", "title", "length"),
                Arguments.of("\"title\":\"科普\\u0007活动标题\"", "title", "control-characters"),
                Arguments.of("\"subtitle\":\"" + "副".repeat(101) + "\"", "subtitle", "length"),
                Arguments.of("\"description\":\"" + "述".repeat(5001) + "\"", "description", "length"),
                Arguments.of("\"coOrganizers\":[\"x\"]", "coOrganizers[0]", "length"),
                Arguments.of("\"endsAt\":\"2026-09-12T08:00:00+08:00\"", "endsAt", "before-start"),
                Arguments.of("\"endsAt\":\"2026-12-30T08:00:00+08:00\"", "endsAt", "too-long"),
                Arguments.of("\"startsAt\":\"2026-05-01T09:00:00+08:00\"", "startsAt", "outside-campaign"),
                Arguments.of("\"startsAt\":null", "startsAt", "required"),
                Arguments.of("\"campaignId\":\"00000000-0000-0000-0000-00000000abcd\"", "campaignId", "not-found"),
                Arguments.of("\"campaignId\":null", "campaignId", "required"),
                Arguments.of("\"regionCode\":\"349999\"", "regionCode", "not-found"),
                Arguments.of("\"regionCode\":\"abc\"", "regionCode", "invalid-region-code"),
                Arguments.of(
                        "\"regionCode\":\"640502\",\"venue\":{\"name\":\"沙坡头区科技馆\",\"location\":{\"lat\":37.51,\"lon\":105.17}}",
                        "regionCode",
                        "outside-scope"),
                Arguments.of(
                        "\"venue\":{\"name\":\"远方场馆\",\"location\":{\"lat\":43.8,\"lon\":87.6}}",
                        "venue.location",
                        "far-from-region"),
                Arguments.of(
                        "\"venue\":{\"name\":\"海外场馆\",\"location\":{\"lat\":48.85,\"lon\":2.35}}",
                        "venue.location",
                        "outside-china"),
                Arguments.of("\"venue\":{\"name\":\"无坐标场馆\"}", "venue.location", "required"),
                Arguments.of("\"venue\":null", "venue", "required"),
                Arguments.of("\"format\":\"ONLINE\",\"checkInRadiusM\":null", "live.url", "required"),
                Arguments.of("\"format\":\"HYBRID\",\"live\":{\"url\":\"javascript:alert(1)\"}", "live.url", "url"),
                Arguments.of(
                        "\"format\":\"ONLINE\",\"live\":{\"url\":\"https://live.example.org/1\"}",
                        "checkInRadiusM",
                        "not-onsite"),
                Arguments.of("\"format\":\"SOMETIMES\"", "format", "invalid-value"),
                Arguments.of("\"format\":null", "format", "required"),
                Arguments.of("\"categories\":[]", "categories", "count"),
                Arguments.of(
                        "\"categories\":[\"HEALTH\",\"WATER\",\"CAMPUS\",\"TRAINING\",\"OTHER\",\"EXHIBITION\"]",
                        "categories",
                        "count"),
                Arguments.of("\"categories\":[\"ASTROLOGY\"]", "categories[0]", "invalid-value"),
                Arguments.of("\"audiences\":[]", "audiences", "required"),
                Arguments.of("\"capacity\":0", "capacity", "range"),
                Arguments.of("\"checkInRadiusM\":10", "checkInRadiusM", "range"),
                Arguments.of("\"contact\":{\"name\":\"王老师\",\"phone\":\"call me\"}", "contact.phone", "pattern"),
                Arguments.of("\"startsAt\":\"next monday\"", "startsAt", "invalid-value"),
                Arguments.of("\"organizerId\":\"someone-else\"", "organizerId", "unknown-field"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("rules")
    @SuppressWarnings("unchecked")
    void eachRuleIsAnsweredWithItsFieldAndCode(String override, String field, String code) {
        long before = count();
        Map<String, Object> problem = client.post()
                .uri("/api/v1/organizer/activities")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ActivityFixtures.body(override))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(problem).containsEntry("code", "validation-failed");
        assertThat((List<?>) problem.get("errors"))
                .as(problem.toString())
                .anySatisfy(e -> assertThat((Map<String, Object>) e)
                        .containsEntry("field", field)
                        .containsEntry("code", code));
        assertThat(count()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void theDefaultBodyIsValid() {
        client.post()
                .uri("/api/v1/organizer/activities")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ActivityFixtures.body())
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void aDatabaseCheckBacksEveryRuleThatTheCodeMightMiss() {
        // the schema refuses an impossible row even if a code path forgot a rule
        var insert = db.sql(
                        "INSERT INTO activity.activity (id, campaign_id, org_unit_id, organizer_name, region_code,"
                                + " title, starts_at, ends_at, format, categories, audiences, status, created_by, created_at,"
                                + " updated_at) VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'x', '340207',"
                                + " '有效标题', now(), now() - interval '1 hour', 'ONLINE', '{}', '{}', 'DRAFT', 't', now(), now())")
                .then();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> insert.block(Duration.ofSeconds(5)))
                .hasMessageContaining("check constraint");
    }

    private long count() {
        return db.sql("SELECT count(*) AS n FROM activity.activity WHERE org_unit_id = :unit")
                .bind("unit", unit)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }
}
