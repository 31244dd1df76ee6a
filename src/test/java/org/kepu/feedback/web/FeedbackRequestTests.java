package org.kepu.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.kepu.shared.error.ValidationFailed;

class FeedbackRequestTests {

    private static Integer rating(String value) {
        return new FeedbackRequest(value == null ? null : new BigDecimal(value), null, null).wholeRating();
    }

    @Test
    void wholeNumbersPassAndFractionsAreRefusedNotTruncated() {
        assertThat(rating("4")).isEqualTo(4);
        assertThat(rating("4.0")).isEqualTo(4);
        assertThat(rating("0")).isEqualTo(0);
        assertThat(rating(null)).isNull();
        assertThatThrownBy(() -> rating("4.5"))
                .isInstanceOfSatisfying(
                        ValidationFailed.class,
                        e -> assertThat(e.errors().get(0).code()).isEqualTo("invalid-value"));
    }

    @Test
    void hugeNumbersStayOutOfRange() {
        assertThat(rating("1e9")).isZero();
        assertThat(rating("4294967301")).isZero(); // would wrap to 5 as an int
        assertThat(rating("-1e12")).isZero();
    }
}
