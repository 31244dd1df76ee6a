package org.kepu.feedback.web;

import java.math.BigDecimal;
import java.util.List;
import org.kepu.shared.error.ValidationFailed;

/**
 * The participant's feedback body. The rating is read as a number of any shape so that 4.5 is refused,
 * not silently truncated to 4.
 */
record FeedbackRequest(BigDecimal rating, List<String> tags, String comment) {

    /** The rating as a whole number (out-of-range values stay out of range); null when missing. */
    Integer wholeRating() {
        if (rating == null) {
            return null;
        }
        if (rating.signum() != 0 && rating.stripTrailingZeros().scale() > 0) {
            throw ValidationFailed.of("rating", "invalid-value", "A rating is a whole number from 1 to 5.");
        }
        return rating.compareTo(BigDecimal.valueOf(1000)) > 0 || rating.compareTo(BigDecimal.valueOf(-1000)) < 0
                ? 0
                : rating.intValue();
    }
}
