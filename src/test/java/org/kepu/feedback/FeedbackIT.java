package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kepu.feedback.FeedbackFixtures.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Feedback through the HTTP API on the real engines: who may give it, for how long, and its moderation. */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = "kepu.feedback.writes-per-participant=1000")
@SuppressWarnings("unchecked")
class FeedbackIT {

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizers;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DatabaseClient db;

    FeedbackFixtures f;

    @BeforeEach
    void setUp() {
        clock.set(FeedbackFixtures.BEFORE);
        f = new FeedbackFixtures(client, clock, organizers, campaigns);
    }

    @Test
    void onlyAParticipantWhoCheckedInMayGiveFeedback() {
        String id = f.publish(FeedbackFixtures.title("未打卡"));
        String elsewhere = f.publish(FeedbackFixtures.title("别处"));
        String visitorOfAnother = f.checkIn(elsewhere);

        problem(f.give(id, null, "{\"rating\":5}"), 403, "not-checked-in");
        problem(f.give(id, visitorOfAnother, "{\"rating\":5}"), 403, "not-checked-in");
        problem(f.give(id, "forged.cookie", "{\"rating\":5}"), 403, "not-checked-in");
        assertThat(rows(id)).isZero();
        problem(
                f.give(java.util.UUID.randomUUID().toString(), visitorOfAnother, "{\"rating\":5}"),
                404,
                "activity-not-found");
    }

    @Test
    void theFirstFeedbackIsCreatedAndTheSecondUpdatesIt() {
        String id = f.publish(FeedbackFixtures.title("更新"));
        String pid = f.checkIn(id);
        var created = f.give(id, pid, "{\"rating\":4,\"tags\":[\"INTERESTING\",\"CLEAR\"]}")
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Location", "/api/v1/activities/" + id + "/feedback/mine")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(created).containsEntry("rating", 4).containsEntry("state", "VISIBLE");

        Map<?, ?> updated = json(f.give(id, pid, "{\"rating\":2,\"tags\":[\"CROWDED\"],\"comment\":\"人太多了，\\n排队很久。\"}")
                .expectStatus()
                .isOk());
        assertThat(updated.get("id")).isEqualTo(created.get("id"));
        assertThat(rows(id)).isEqualTo(1);

        Map<String, Object> listing = f.listing(id, "");
        assertThat(listing.get("summary"))
                .isEqualTo(Map.of(
                        "average", 2.0, "count", 1, "histogram", Map.of("1", 0, "2", 1, "3", 0, "4", 0, "5", 0)));
        List<?> items = (List<?>) listing.get("items");
        assertThat(items).hasSize(1);
        assertThat((Map<String, Object>) items.get(0))
                .containsEntry("rating", 2)
                .containsEntry("tags", List.of("CROWDED"))
                .containsEntry("comment", "人太多了，\n排队很久。")
                .doesNotContainKey("reply")
                .doesNotContainKey("state");
        assertThat(listing.get("nextCursor")).isNull();
        // and the activity's public rating follows
        assertThat(json(client.get()
                                .uri("/api/v1/activities/" + id)
                                .exchange()
                                .expectStatus()
                                .isOk())
                        .get("rating"))
                .isEqualTo(Map.of("average", 2.0, "count", 1));
        f.client
                .get()
                .uri("/api/v1/activities/" + id + "/feedback/mine")
                .cookie("kepu_pid", pid)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.rating")
                .isEqualTo(2);
    }

    /**
     * A save moves the aggregate by its own change instead of recomputing it: after concurrent first saves,
     * edits, and an edit of a removed feedback, it still equals a recomputation from the rows.
     */
    @Test
    void theAggregateMovedBySavesEqualsARecomputationFromTheRows() {
        String id = f.publish(FeedbackFixtures.title("聚合"));
        List<String> pids = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> f.checkIn(id))
                .toList();
        java.util.function.BiConsumer<Integer, Integer> rateAll =
                (round, concurrency) -> reactor.core.publisher.Flux.range(0, pids.size())
                        .flatMap(
                                i -> reactor.core.publisher.Mono.fromRunnable(() -> f.give(
                                                        id, pids.get(i), "{\"rating\":" + (1 + (i + round) % 5) + "}")
                                                .expectStatus()
                                                .is2xxSuccessful())
                                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()),
                                concurrency)
                        .blockLast(Duration.ofMinutes(1));
        // one participant's first save, five times at once: one row, created once, the others update it
        List<Integer> statuses = reactor.core.publisher.Flux.range(0, 5)
                .flatMap(i -> reactor.core.publisher.Mono.fromCallable(
                                () -> f.give(id, pids.get(0), "{\"rating\":" + (1 + i) + "}")
                                        .returnResult(String.class)
                                        .getStatus()
                                        .value())
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()))
                .collectList()
                .block(Duration.ofMinutes(1));
        assertThat(statuses).containsExactlyInAnyOrder(201, 200, 200, 200, 200);
        assertThat(rows(id)).isEqualTo(1);
        rateAll.accept(0, 10);
        String removed = (String)
                json(f.give(id, pids.get(3), "{\"rating\":5}").expectStatus().isOk())
                        .get("id");
        f.as(f.reviewer, HttpMethod.POST, "/api/v1/feedback/" + removed + "/remove", null)
                .expectStatus()
                .isOk();
        rateAll.accept(2, 10); // pids.get(3) edits its removed feedback: it stays out of the aggregate

        Map<String, Object> brute = db.sql("""
                        SELECT count(*) AS n, coalesce(sum(rating), 0) AS total,
                          count(*) FILTER (WHERE rating = 1) AS r1, count(*) FILTER (WHERE rating = 5) AS r5
                        FROM feedback.feedback WHERE activity_id = CAST(:a AS uuid) AND state <> 'REMOVED'
                        """).bind("a", id).fetch().one().block(Duration.ofSeconds(5));
        Map<?, ?> summary = (Map<?, ?>) f.listing(id, "").get("summary");
        assertThat(rows(id)).isEqualTo(10);
        assertThat(((Number) brute.get("n")).intValue()).isEqualTo(9);
        assertThat(summary.get("count")).isEqualTo(9);
        assertThat(((Map<?, ?>) summary.get("histogram")).get("1")).isEqualTo(((Number) brute.get("r1")).intValue());
        assertThat(((Map<?, ?>) summary.get("histogram")).get("5")).isEqualTo(((Number) brute.get("r5")).intValue());
        assertThat(((Number) summary.get("average")).doubleValue())
                .isCloseTo(((Number) brute.get("total")).doubleValue() / 9, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void savesWrittenTogetherAreEachStoredAsSent() {
        String id = f.publish(FeedbackFixtures.title("同批"));
        List<String> pids = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> f.checkIn(id))
                .toList();
        // one transaction may hold them all: tags, no comment, and a comment a hold word keeps hidden
        List<String> bodies = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> switch (i % 3) {
                    case 0 ->
                        "{\"rating\":" + (1 + i % 5) + ",\"tags\":[\"INTERESTING\",\"WELL_ORGANIZED\"],"
                                + "\"comment\":\"第" + i + "位：很好\"}";
                    case 1 -> "{\"rating\":" + (1 + i % 5) + "}";
                    default -> "{\"rating\":" + (1 + i % 5) + ",\"comment\":\"想要资料的加 微信 abc" + i + "\"}";
                })
                .toList();
        List<Map<String, Object>> saved = reactor.core.publisher.Flux.range(0, 12)
                .flatMap(i -> reactor.core.publisher.Mono.fromCallable(() -> json(f.give(id, pids.get(i), bodies.get(i))
                                .expectStatus()
                                .isCreated()))
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()))
                .collectList()
                .block(Duration.ofMinutes(1));
        assertThat(saved).hasSize(12);
        List<Map<String, Object>> stored =
                db.sql("""
                        SELECT f.rating, array_to_string(f.tags, ',') AS tags, f.comment, f.state,
                          (SELECT count(*) FROM shared.audit_event e WHERE e.target_id = f.id::text
                            AND e.action = 'feedback.held') AS held
                        FROM feedback.feedback f WHERE f.activity_id = CAST(:a AS uuid) ORDER BY f.rating, f.comment
                        """).bind("a", id).fetch().all().collectList().block(Duration.ofSeconds(5));
        assertThat(stored).hasSize(12);
        for (int n = 0; n < 12; n++) {
            int i = n;
            int rating = 1 + i % 5;
            String comment = switch (i % 3) {
                case 0 -> "第" + i + "位：很好";
                case 1 -> null;
                default -> "想要资料的加 微信 abc" + i;
            };
            assertThat(stored).as("save %d", i).anySatisfy(row -> {
                assertThat(((Number) row.get("rating")).intValue()).isEqualTo(rating);
                assertThat(row.get("comment")).isEqualTo(comment);
                assertThat(row.get("tags")).isEqualTo(i % 3 == 0 ? "INTERESTING,WELL_ORGANIZED" : "");
                assertThat(row.get("state")).isEqualTo(i % 3 == 2 ? "HELD" : "VISIBLE");
                assertThat(((Number) row.get("held")).intValue()).isEqualTo(i % 3 == 2 ? 1 : 0);
            });
        }
        Map<?, ?> summary = (Map<?, ?>) f.listing(id, "").get("summary");
        assertThat(summary.get("count")).isEqualTo(12);
        assertThat(listedIds(id)).hasSize(8); // the four held comments stay hidden
    }

    @Test
    void feedbackClosesSevenDaysAfterTheEnd() {
        String id = f.publish(FeedbackFixtures.title("关闭"));
        String pid = f.checkIn(id);
        f.give(id, pid, "{\"rating\":3}").expectStatus().isCreated();
        clock.set(FeedbackFixtures.END.plus(Duration.ofDays(7)).minusSeconds(1));
        f.give(id, pid, "{\"rating\":5}").expectStatus().isOk();
        clock.set(FeedbackFixtures.END.plus(Duration.ofDays(7)));
        problem(f.give(id, pid, "{\"rating\":1}"), 422, "feedback-closed");
        assertThat(((Map<String, Object>) f.listing(id, "").get("summary")).get("average"))
                .isEqualTo(5.0);
    }

    @Test
    void reportsHideACommentAtTheThresholdAndAReviewerRestoresIt() {
        String id = f.publish(FeedbackFixtures.title("举报"));
        String fid = f.rate(id, f.checkIn(id), "{\"rating\":1,\"comment\":\"无聊\"}");

        String reporter = f.report(fid, null)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseCookies()
                .getFirst("kepu_pid")
                .getValue();
        // the same participant reporting again counts once
        f.report(fid, reporter).expectStatus().isAccepted();
        f.report(fid, null).expectStatus().isAccepted();
        assertThat(listedIds(id)).containsExactly(fid);
        f.report(fid, null).expectStatus().isAccepted();
        assertThat(listedIds(id)).isEmpty();
        // its rating still counts: only the text awaits review
        assertThat(((Map<String, Object>) f.listing(id, "").get("summary")).get("count"))
                .isEqualTo(1);
        problem(f.report(fid, null), 404, "feedback-not-found");

        Map<String, Object> queue = json(
                f.as(f.reviewer, HttpMethod.GET, "/api/v1/review/activities/" + id + "/feedback?state=HIDDEN", null)
                        .expectStatus()
                        .isOk());
        assertThat((List<?>) queue.get("items"))
                .singleElement()
                .satisfies(item -> assertThat((Map<String, Object>) item)
                        .containsEntry("id", fid)
                        .containsEntry("state", "REPORTED")
                        .containsEntry("reports", 3)
                        .containsEntry("comment", "无聊"));

        // outside the region subtree, and another unit's organizer: not found, existence does not leak
        problem(
                f.as(f.otherReviewer, HttpMethod.POST, "/api/v1/feedback/" + fid + "/restore", null),
                404,
                "feedback-not-found");
        problem(
                f.as(f.otherReviewer, HttpMethod.GET, "/api/v1/review/activities/" + id + "/feedback", null),
                404,
                "activity-not-found");
        problem(
                f.as(f.otherOrganizer, HttpMethod.POST, "/api/v1/feedback/" + fid + "/remove", null),
                404,
                "feedback-not-found");
        problem(client.post().uri("/api/v1/feedback/" + fid + "/restore").exchange(), 401, "unauthenticated");

        f.as(f.reviewer, HttpMethod.POST, "/api/v1/feedback/" + fid + "/restore", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("VISIBLE")
                .jsonPath("$.reports")
                .isEqualTo(0);
        assertThat(listedIds(id)).containsExactly(fid);
        assertThat(audit(fid)).containsExactly("feedback.hidden", "feedback.restored");
    }

    @Test
    void aHoldWordKeepsTheCommentHiddenAndABlockWordRefusesIt() {
        String id = f.publish(FeedbackFixtures.title("敏感词"));
        String pid = f.checkIn(id);
        problem(f.give(id, pid, "{\"rating\":5,\"comment\":\"欢迎来玩 博-彩 游戏\"}"), 422, "text-rejected");
        assertThat(rows(id)).isZero();

        String fid = (String) json(f.give(id, pid, "{\"rating\":5,\"comment\":\"想要资料的加 微信 abc123\"}")
                        .expectStatus()
                        .isCreated())
                .get("id");
        assertThat(listedIds(id)).isEmpty();
        assertThat(((Map<String, Object>) f.listing(id, "").get("summary")).get("count"))
                .isEqualTo(1);
        Map<String, Object> held = json(
                f.as(f.organizer, HttpMethod.GET, "/api/v1/organizer/activities/" + id + "/feedback?state=HELD", null)
                        .expectStatus()
                        .isOk());
        assertThat((List<?>) held.get("items"))
                .singleElement()
                .satisfies(item -> assertThat((Map<String, Object>) item)
                        .containsEntry("id", fid)
                        .containsEntry("state", "HELD"));
        assertThat(audit(fid)).containsExactly("feedback.held");

        // the organizer removes it: gone from the aggregate too
        f.as(f.organizer, HttpMethod.POST, "/api/v1/feedback/" + fid + "/remove", "{\"reason\":\"广告\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("REMOVED");
        assertThat(((Map<String, Object>) f.listing(id, "").get("summary")).get("count"))
                .isEqualTo(0);
        assertThat(audit(fid)).containsExactly("feedback.held", "feedback.removed");
        // editing does not undo the moderator's decision
        f.give(id, pid, "{\"rating\":5,\"comment\":\"很好\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("REMOVED");
        assertThat(listedIds(id)).isEmpty();
    }

    @Test
    void theOrganizerRepliesOnce() {
        String id = f.publish(FeedbackFixtures.title("回复"));
        String fid = f.rate(id, f.checkIn(id), "{\"rating\":4,\"comment\":\"希望多办几场\"}");
        problem(
                f.as(f.reviewer, HttpMethod.POST, "/api/v1/feedback/" + fid + "/reply", "{\"text\":\"好\"}"),
                403,
                "forbidden");
        problem(
                f.as(f.otherOrganizer, HttpMethod.POST, "/api/v1/feedback/" + fid + "/reply", "{\"text\":\"好\"}"),
                404,
                "feedback-not-found");
        problem(
                f.as(f.organizer, HttpMethod.POST, "/api/v1/feedback/" + fid + "/reply", "{\"text\":\"  \"}"),
                400,
                "validation-failed");

        f.as(f.organizer, HttpMethod.POST, "/api/v1/feedback/" + fid + "/reply", "{\"text\":\"谢谢，下月还有一场。\"}")
                .expectStatus()
                .isCreated();
        problem(
                f.as(f.organizer, HttpMethod.POST, "/api/v1/feedback/" + fid + "/reply", "{\"text\":\"再说一次\"}"),
                409,
                "already-replied");

        Map<?, ?> item = (Map<String, Object>) ((List<?>) f.listing(id, "").get("items")).get(0);
        assertThat((Map<String, Object>) item.get("reply"))
                .containsEntry("text", "谢谢，下月还有一场。")
                .containsKey("at");
        assertThat(audit(fid)).containsExactly("feedback.replied");
    }

    @Test
    void badInputIsRefusedFieldByField() {
        String id = f.publish(FeedbackFixtures.title("校验"));
        String pid = f.checkIn(id);
        field(f.give(id, pid, "{\"rating\":0}"), "rating", "range");
        field(f.give(id, pid, "{\"rating\":6}"), "rating", "range");
        field(f.give(id, pid, "{}"), "rating", "required");
        field(f.give(id, pid, "{\"rating\":4.5}"), "rating", "invalid-value");
        field(f.give(id, pid, "{\"rating\":\"five\"}"), "rating", "invalid-value");
        field(f.give(id, pid, "{\"rating\":1e9}"), "rating", "range");
        field(f.give(id, pid, "{\"rating\":5,\"tags\":[\"INTERESTING\",\"内容有趣\"]}"), "tags[1]", "unknown-tag");
        field(
                f.give(
                        id,
                        pid,
                        "{\"rating\":5,\"tags\":[\"INTERESTING\",\"CLEAR\",\"GOOD_FOR_CHILDREN\",\"INTERACTIVE\",\"WELL_ORGANIZED\",\"PRACTICAL\"]}"),
                "tags",
                "too-many");
        field(f.give(id, pid, "{\"rating\":5,\"comment\":\"" + "科".repeat(501) + "\"}"), "comment", "too-long");
        field(f.give(id, pid, "{\"rating\":5,\"comment\":\"bad\\u0007bell\"}"), "comment", "invalid-text");
        field(f.give(id, pid, "{\"rating\":5,\"comment\":\"\\u202Ereversed\"}"), "comment", "invalid-text");
        field(f.give(id, pid, "{\"rating\":5,\"comment\":\"\\ud800lone\"}"), "comment", "invalid-text");
        field(f.give(id, pid, "{\"rating\":5,\"stars\":5}"), "stars", "unknown-field");
        // all at once
        Map<String, Object> all = json(f.give(id, pid, "{\"rating\":9,\"tags\":[\"NOPE\"],\"comment\":\"a\\u0000\"}")
                .expectStatus()
                .isBadRequest());
        assertThat(fields(all)).containsExactly("rating:range", "tags[0]:unknown-tag", "comment:invalid-text");
        // 500 characters (code points: an emoji is two UTF-16 units) are fine, duplicates count once
        f.give(
                        id,
                        pid,
                        "{\"rating\":5,\"tags\":[\"CLEAR\",\"CLEAR\",\"INTERESTING\",\"PRACTICAL\",\"INTERACTIVE\",\"WELL_ORGANIZED\"],\"comment\":\""
                                + "😀".repeat(500) + "\"}")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.tags.length()")
                .isEqualTo(5);
        problem(
                client.get()
                        .uri("/api/v1/activities/" + id + "/feedback?cursor=zzz")
                        .exchange(),
                400,
                "invalid-parameter");
        problem(
                client.get()
                        .uri("/api/v1/activities/" + id + "/feedback?size=0")
                        .exchange(),
                400,
                "invalid-parameter");
        assertThat(rows(id)).isEqualTo(1);
    }

    @Test
    void cursorPagesSeeEveryVisibleFeedbackOnce() {
        String id = f.publish(FeedbackFixtures.title("分页"));
        Set<String> given = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            // check-ins set the clock to the same instant: ties on createdAt are broken by id
            given.add(f.rate(id, f.checkIn(id), "{\"rating\":" + (i + 1) + "}"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = f.listing(id, "?size=2" + (cursor == null ? "" : "&cursor=" + cursor));
            ((List<?>) page.get("items")).forEach(item -> seen.add((String) ((Map<String, Object>) item).get("id")));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).containsExactlyInAnyOrderElementsOf(given);
        Map<?, ?> summary = (Map<String, Object>) f.listing(id, "").get("summary");
        assertThat(summary.get("average")).isEqualTo(3.0);
        assertThat(summary.get("histogram")).isEqualTo(Map.of("1", 1, "2", 1, "3", 1, "4", 1, "5", 1));
    }

    @Test
    void theTagVocabularyIsPublishedWithLabels() {
        client.get()
                .uri("/api/v1/feedback/tags")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].code")
                .isEqualTo("INTERESTING")
                .jsonPath("$.items[0].zh")
                .isEqualTo("内容有趣")
                .jsonPath("$.items[0].en")
                .isEqualTo("Interesting content")
                .jsonPath("$.items.length()")
                .isEqualTo(FeedbackTag.values().length);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private List<String> listedIds(String activityId) {
        return ((List<?>) f.listing(activityId, "").get("items"))
                .stream()
                        .map(item -> (String) ((Map<String, Object>) item).get("id"))
                        .toList();
    }

    private long rows(String activityId) {
        return db.sql("SELECT count(*) AS n FROM feedback.feedback WHERE activity_id = CAST(:a AS uuid)")
                .bind("a", activityId)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    private List<String> audit(String feedbackId) {
        return db.sql(
                        "SELECT action FROM shared.audit_event WHERE target_type = 'feedback' AND target_id = :t ORDER BY at, action")
                .bind("t", feedbackId)
                .map(row -> row.get("action", String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(5));
    }

    private static void problem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    private static void field(WebTestClient.ResponseSpec response, String field, String code) {
        Map<String, Object> body = json(response.expectStatus().isBadRequest());
        assertThat(body).containsEntry("code", "validation-failed");
        assertThat(fields(body)).contains(field + ":" + code);
    }

    private static List<String> fields(Map<String, Object> problem) {
        return ((List<?>) problem.get("errors"))
                .stream()
                        .map(e -> ((Map<String, Object>) e).get("field") + ":" + ((Map<String, Object>) e).get("code"))
                        .toList();
    }
}
