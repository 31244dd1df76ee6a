package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kepu.shared.error.ValidationFailed;

class FeedbackRulesTests {

    @Test
    void aValidBodyKeepsTagsInOrderWithoutDuplicatesAndTrimsTheComment() {
        FeedbackRules.Valid valid = FeedbackRules.validate(4, List.of("CLEAR", "INTERESTING", "CLEAR"), "  很好\n ");
        assertThat(valid.rating()).isEqualTo(4);
        assertThat(valid.tags()).containsExactly(FeedbackTag.CLEAR, FeedbackTag.INTERESTING);
        assertThat(valid.comment()).contains("很好");
        assertThat(FeedbackRules.validate(1, null, "   ").comment()).isEmpty();
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        assertThatThrownBy(() -> FeedbackRules.validate(0, List.of("CLEAR", "内容有趣"), "x".repeat(501)))
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.errors())
                                .extracting(err -> err.field() + ":" + err.code())
                                .containsExactly("rating:range", "tags[1]:unknown-tag", "comment:too-long"));
        assertThatThrownBy(() -> FeedbackRules.validate(null, List.of(), null))
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.errors())
                                .extracting(err -> err.field() + ":" + err.code())
                                .containsExactly("rating:required"));
        assertThatThrownBy(() -> FeedbackRules.validate(6, List.of(), "ok\u0000"))
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.errors())
                                .extracting(err -> err.field() + ":" + err.code())
                                .containsExactly("rating:range", "comment:invalid-text"));
    }

    @Test
    void moreThanFiveDifferentTagsAreTooMany() {
        List<String> six =
                Arrays.stream(FeedbackTag.values()).limit(6).map(Enum::name).toList();
        assertThatThrownBy(() -> FeedbackRules.validate(5, six, null))
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.errors())
                                .extracting(err -> err.field() + ":" + err.code())
                                .containsExactly("tags:too-many"));
        assertThat(FeedbackRules.validate(5, six.subList(0, 5), null).tags()).hasSize(5);
    }

    @Test
    void tagsAreCodesNotLabels() {
        assertThat(FeedbackTag.of("GOOD_FOR_CHILDREN")).contains(FeedbackTag.GOOD_FOR_CHILDREN);
        assertThat(FeedbackTag.of("适合孩子")).isEmpty();
        assertThat(FeedbackTag.of("good_for_children")).isEmpty();
        assertThat(FeedbackTag.values()).extracting(FeedbackTag::zh).doesNotHaveDuplicates();
        assertThat(FeedbackTag.values()).extracting(FeedbackTag::en).doesNotHaveDuplicates();
    }

    @Test
    void theWindowClosesExactlyAtTheEndPlusTheEditWindow() {
        Instant end = Instant.parse("2026-09-12T09:00:00Z");
        Duration week = Duration.ofDays(7);
        FeedbackRules.open(end, end.minusSeconds(3600), week);
        FeedbackRules.open(end, end.plus(week).minusMillis(1), week);
        assertThatThrownBy(() -> FeedbackRules.open(end, end.plus(week), week)).isInstanceOf(FeedbackClosed.class);
    }

    @Test
    void savingMovesTheStateButNeverUndoesModeration() {
        assertThat(FeedbackRules.afterSave(null, Verdict.ALLOW)).isEqualTo(FeedbackState.VISIBLE);
        assertThat(FeedbackRules.afterSave(null, Verdict.HOLD)).isEqualTo(FeedbackState.HELD);
        assertThat(FeedbackRules.afterSave(FeedbackState.HELD, Verdict.ALLOW)).isEqualTo(FeedbackState.VISIBLE);
        assertThat(FeedbackRules.afterSave(FeedbackState.VISIBLE, Verdict.HOLD)).isEqualTo(FeedbackState.HELD);
        assertThat(FeedbackRules.afterSave(FeedbackState.REPORTED, Verdict.ALLOW))
                .isEqualTo(FeedbackState.REPORTED);
        assertThat(FeedbackRules.afterSave(FeedbackState.REMOVED, Verdict.ALLOW))
                .isEqualTo(FeedbackState.REMOVED);
        assertThat(FeedbackRules.afterSave(FeedbackState.REMOVED, Verdict.HOLD)).isEqualTo(FeedbackState.REMOVED);
    }

    @Test
    void theThresholdHidesOnlyVisibleComments() {
        assertThat(FeedbackRules.hides(FeedbackState.VISIBLE, 2, 3)).isFalse();
        assertThat(FeedbackRules.hides(FeedbackState.VISIBLE, 3, 3)).isTrue();
        assertThat(FeedbackRules.hides(FeedbackState.HELD, 5, 3)).isFalse();
        assertThat(FeedbackRules.hides(FeedbackState.REMOVED, 5, 3)).isFalse();
    }

    @Test
    void theAverageIsRoundedHalfUpToOneDecimal() {
        assertThat(FeedbackSummary.NONE.average()).isNull();
        assertThat(new FeedbackSummary(4, 17, List.of(0, 1, 0, 0, 3)).average()).isEqualTo(4.3); // 4.25
        assertThat(new FeedbackSummary(3, 7, List.of(1, 1, 0, 0, 1)).average()).isEqualTo(2.3); // 2.333…
        assertThat(new FeedbackSummary(2, 9, List.of(0, 0, 0, 1, 1)).average()).isEqualTo(4.5);
        assertThatThrownBy(() -> new FeedbackSummary(1, 1, List.of(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cursorsRoundTripAndForeignOnesAreRefused() {
        FeedbackDetails last = new FeedbackDetails(
                UUID.randomUUID(),
                UUID.randomUUID(),
                3,
                List.of(),
                java.util.Optional.empty(),
                FeedbackState.VISIBLE,
                0,
                java.util.Optional.empty(),
                Instant.parse("2026-09-12T02:00:00.123456Z"),
                Instant.parse("2026-09-12T02:00:00.123456Z"));
        FeedbackRepository.Position position = FeedbackService.position(FeedbackService.cursor(last));
        assertThat(position.createdAt()).isEqualTo(last.createdAt());
        assertThat(position.id()).isEqualTo(last.id());
        assertThatThrownBy(() -> FeedbackService.position("not-a-cursor"))
                .isInstanceOf(org.kepu.shared.error.InvalidParameter.class);
    }
}
