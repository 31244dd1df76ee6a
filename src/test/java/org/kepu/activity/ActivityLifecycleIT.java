package org.kepu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The whole life of an activity through the HTTP API, with the clock moved across its end and deadline. */
@IntegrationTest
@Import(TestClock.Config.class)
class ActivityLifecycleIT {

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DatabaseClient db;

    String jiujiangOrganizer;
    String otherJiujiangOrganizer;
    String wuhuReviewer;
    String zhongweiReviewer;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-08-20T00:00:00Z"));
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        jiujiangOrganizer = accounts.account("340207", Role.ORGANIZER);
        otherJiujiangOrganizer = accounts.account("340207", Role.ORGANIZER);
        wuhuReviewer = accounts.account("3402", Role.REVIEWER);
        zhongweiReviewer = accounts.account("6405", Role.REVIEWER);
    }

    @Test
    void fromDraftToRecommendation() {
        String id = create(ActivityFixtures.body());
        public404(id);

        call(jiujiangOrganizer, "POST", "/api/v1/organizer/activities/" + id + "/submit", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SUBMITTED");
        public404(id);

        // outside the subtree, nobody even learns it exists
        call(zhongweiReviewer, "GET", "/api/v1/review/activities/" + id, null)
                .expectStatus()
                .isNotFound();
        call(zhongweiReviewer, "POST", "/api/v1/review/activities/" + id + "/approve", null)
                .expectStatus()
                .isNotFound();
        call(zhongweiReviewer, "GET", "/api/v1/review/activities", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')]")
                .doesNotExist();
        call(otherJiujiangOrganizer, "GET", "/api/v1/organizer/activities/" + id, null)
                .expectStatus()
                .isNotFound();
        call(wuhuReviewer, "GET", "/api/v1/review/activities?region=6405", null)
                .expectStatus()
                .isForbidden();

        call(wuhuReviewer, "GET", "/api/v1/review/activities", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].title")
                .isEqualTo("2026年鸠江区全国科普月主场活动");
        call(wuhuReviewer, "POST", "/api/v1/review/activities/" + id + "/approve", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PUBLISHED");
        assertThat(outboxRows(id)).isEqualTo(1);

        client.get()
                .uri("/api/v1/activities/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UPCOMING")
                .jsonPath("$.region.path[0].name")
                .isEqualTo("安徽省")
                .jsonPath("$.region.path[1].name")
                .isEqualTo("芜湖市")
                .jsonPath("$.campaign.year")
                .isEqualTo(2026)
                .jsonPath("$.contact.phone")
                .isEqualTo("0553-1234567")
                .jsonPath("$.startsAt")
                .isEqualTo("2026-09-12T09:00:00+08:00");

        call(
                        jiujiangOrganizer,
                        "POST",
                        "/api/v1/organizer/activities/" + id + "/postpone",
                        "{\"startsAt\":\"2026-09-19T09:00:00+08:00\",\"endsAt\":\"2026-09-19T17:00:00+08:00\",\"reason\":\"台风天气\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("POSTPONED");
        client.get()
                .uri("/api/v1/activities/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("POSTPONED")
                .jsonPath("$.startsAt")
                .isEqualTo("2026-09-19T09:00:00+08:00");

        String evidence =
                "{\"photos\":[\"https://example.org/p1.jpg\"],\"summary\":\"活动圆满完成。\",\"attendanceOnsite\":260,\"volunteers\":12}";
        call(jiujiangOrganizer, "PUT", "/api/v1/organizer/activities/" + id + "/evidence", evidence)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("activity-not-ended");

        clock.set(Instant.parse("2026-09-20T02:00:00Z"));
        call(jiujiangOrganizer, "PUT", "/api/v1/organizer/activities/" + id + "/evidence", evidence)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.completeness")
                .isEqualTo("COMPLETE")
                .jsonPath("$.dueOn")
                .isEqualTo("2026-09-29");
        client.get()
                .uri("/api/v1/activities/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.evidence.attendanceOnsite")
                .isEqualTo(260);

        String scores =
                "{\"scores\":{\"mobilization\":8,\"scale\":7,\"publicity\":9,\"volunteers\":6,\"jointAction\":8,\"onlineReach\":5},\"note\":\"组织有力\"}";
        call(wuhuReviewer, "POST", "/api/v1/review/activities/" + id + "/recommendation", scores)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(43);
        call(wuhuReviewer, "POST", "/api/v1/review/activities/" + id + "/recommendation", scores.replace(":8,", ":9,"))
                .expectStatus()
                .isOk();
        call(wuhuReviewer, "GET", "/api/v1/review/recommendations", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.activityId == '" + id + "')].level")
                .isEqualTo("CITY");

        clock.set(Instant.parse("2026-09-30T02:00:00Z"));
        call(jiujiangOrganizer, "PUT", "/api/v1/organizer/activities/" + id + "/evidence", evidence)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("evidence-overdue");
        // complete evidence came in time: not overdue; an ended activity without evidence is
        call(wuhuReviewer, "GET", "/api/v1/review/evidence-overdue", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + id + "')]")
                .doesNotExist();

        assertThat(auditActions(id))
                .contains(
                        "activity.created",
                        "activity.submitted",
                        "activity.approved",
                        "activity.postponed",
                        "activity.evidence",
                        "activity.recommended");
    }

    @Test
    void anEndedActivityWithoutEvidenceIsListedAsOverdueAfterTheDeadline() {
        String id = create(ActivityFixtures.body());
        call(jiujiangOrganizer, "POST", "/api/v1/organizer/activities/" + id + "/submit", null)
                .expectStatus()
                .isOk();
        call(wuhuReviewer, "POST", "/api/v1/review/activities/" + id + "/approve", null)
                .expectStatus()
                .isOk();
        clock.set(Instant.parse("2026-09-15T00:00:00Z")); // ended, deadline 2026-09-22 not yet passed
        call(wuhuReviewer, "GET", "/api/v1/review/evidence-overdue", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + id + "')]")
                .doesNotExist();
        clock.set(Instant.parse("2026-09-30T00:00:00Z"));
        call(wuhuReviewer, "GET", "/api/v1/review/evidence-overdue", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].title")
                .exists();
        call(zhongweiReviewer, "GET", "/api/v1/review/evidence-overdue", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + id + "')]")
                .doesNotExist();
        call(jiujiangOrganizer, "GET", "/api/v1/organizer/activities/" + id + "/evidence", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.completeness")
                .isEqualTo("OVERDUE");
    }

    @Test
    void aRejectedActivityIsEditedAndResubmitted() {
        String id = create(ActivityFixtures.body());
        call(jiujiangOrganizer, "POST", "/api/v1/organizer/activities/" + id + "/submit", null)
                .expectStatus()
                .isOk();
        call(wuhuReviewer, "POST", "/api/v1/review/activities/" + id + "/reject", "{\"reason\":\"\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        call(wuhuReviewer, "POST", "/api/v1/review/activities/" + id + "/reject", "{\"reason\":\"请补充场地信息\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REJECTED");
        var rejected = call(jiujiangOrganizer, "GET", "/api/v1/organizer/activities/" + id, null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(rejected).containsEntry("statusReason", "请补充场地信息");
        long version = ((Number) rejected.get("version")).longValue();
        call(
                        jiujiangOrganizer,
                        "PUT",
                        "/api/v1/organizer/activities/" + id,
                        ActivityFixtures.body(
                                "\"venue\":{\"name\":\"鸠江区科技馆一楼报告厅\",\"address\":\"安徽省芜湖市鸠江区\",\"location\":{\"lat\":31.37,\"lon\":118.40}}",
                                "\"version\":" + version))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REJECTED");
        call(jiujiangOrganizer, "POST", "/api/v1/organizer/activities/" + id + "/submit", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SUBMITTED");
        // approving twice is a workflow error, not a second publication
        call(wuhuReviewer, "POST", "/api/v1/review/activities/" + id + "/approve", null)
                .expectStatus()
                .isOk();
        call(wuhuReviewer, "POST", "/api/v1/review/activities/" + id + "/approve", null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("wrong-activity-status");
    }

    @Test
    void twoEditorsSavingTheSameVersionGetA409ForTheSecond() {
        String id = create(ActivityFixtures.body());
        String first = ActivityFixtures.body("\"capacity\":400", "\"version\":0");
        String second = ActivityFixtures.body("\"capacity\":500", "\"version\":0");
        call(jiujiangOrganizer, "PUT", "/api/v1/organizer/activities/" + id, first)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(1);
        call(jiujiangOrganizer, "PUT", "/api/v1/organizer/activities/" + id, second)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("activity-changed");
        call(jiujiangOrganizer, "GET", "/api/v1/organizer/activities/" + id, null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.capacity")
                .isEqualTo(400);
    }

    @Test
    void aTimeChangeOfAPublishedActivityKeepsItPublicAndReachesSearchButATitleChangeGoesBackToReview() {
        String id = create(ActivityFixtures.body());
        call(jiujiangOrganizer, "POST", "/api/v1/organizer/activities/" + id + "/submit", null)
                .expectStatus()
                .isOk();
        call(wuhuReviewer, "POST", "/api/v1/review/activities/" + id + "/approve", null)
                .expectStatus()
                .isOk();
        call(
                        jiujiangOrganizer,
                        "PUT",
                        "/api/v1/organizer/activities/" + id,
                        ActivityFixtures.body(
                                "\"startsAt\":\"2026-09-13T09:00:00+08:00\"",
                                "\"endsAt\":\"2026-09-13T12:00:00+08:00\"",
                                "\"version\":" + version(id)))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PUBLISHED");
        assertThat(outboxRows(id)).isEqualTo(2);
        assertThat(auditActions(id)).contains("activity.edited");
        call(
                        jiujiangOrganizer,
                        "PUT",
                        "/api/v1/organizer/activities/" + id,
                        ActivityFixtures.body(
                                "\"title\":\"2026年鸠江区科普月人工智能主场活动\"",
                                "\"startsAt\":\"2026-09-13T09:00:00+08:00\"",
                                "\"endsAt\":\"2026-09-13T12:00:00+08:00\"",
                                "\"version\":" + version(id)))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SUBMITTED");
        public404(id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void submittingAnEventAlreadyRegisteredWarnsButDoesNotBlock() {
        String first = create(ActivityFixtures.body());
        call(jiujiangOrganizer, "POST", "/api/v1/organizer/activities/" + first + "/submit", null)
                .expectStatus()
                .isOk();
        var response = call(
                        otherJiujiangOrganizer,
                        "POST",
                        "/api/v1/organizer/activities",
                        ActivityFixtures.body("\"title\":\"2026年鸠江区全国科普月主场活动！\""))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String second = (String) response.get("id");
        var submitted = call(otherJiujiangOrganizer, "POST", "/api/v1/organizer/activities/" + second + "/submit", null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((java.util.List<Object>) submitted.get("possibleDuplicates"))
                .contains(first)
                .doesNotContain(second);
        var reviewed = call(wuhuReviewer, "GET", "/api/v1/review/activities/" + second, null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((java.util.List<Object>) reviewed.get("possibleDuplicates")).contains(first);
    }

    @Test
    void copyingLastYearsActivityMovesItIntoTheNewEdition() {
        String source = create(ActivityFixtures.body(
                "\"campaignId\":\"" + CampaignService.demoEditionId("sd-2023") + "\"",
                "\"startsAt\":\"2023-09-16T09:00:00+08:00\"",
                "\"endsAt\":\"2023-09-16T17:00:00+08:00\""));
        call(
                        jiujiangOrganizer,
                        "POST",
                        "/api/v1/organizer/activities/" + source + "/copy",
                        "{\"campaignId\":\"" + ActivityFixtures.SCIENCE_MONTH_2026 + "\"}")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DRAFT")
                .jsonPath("$.campaignId")
                .isEqualTo(ActivityFixtures.SCIENCE_MONTH_2026.toString())
                .jsonPath("$.startsAt")
                .isEqualTo("2026-09-01T09:00:00+08:00");
    }

    private long version(String id) {
        return ((Number) call(jiujiangOrganizer, "GET", "/api/v1/organizer/activities/" + id, null)
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("version"))
                .longValue();
    }

    private String create(String body) {
        return (String) call(jiujiangOrganizer, "POST", "/api/v1/organizer/activities", body)
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists("Location")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    private void public404(String id) {
        client.get()
                .uri("/api/v1/activities/" + id)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("activity-not-found");
    }

    WebTestClient.ResponseSpec call(String username, String method, String uri, String body) {
        String token = TestAccounts.token(client, username);
        var spec = client.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(uri)
                .header("Authorization", "Bearer " + token);
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private long outboxRows(String id) {
        return db.sql("SELECT count(*) AS n FROM shared.outbox WHERE topic = 'activity' AND key = :key")
                .bind("key", id)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    private java.util.List<String> auditActions(String id) {
        return db.sql("SELECT action FROM shared.audit_event WHERE target_id = :id ORDER BY at")
                .bind("id", id)
                .map(row -> row.get("action", String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(5));
    }
}
