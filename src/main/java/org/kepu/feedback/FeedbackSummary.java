package org.kepu.feedback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The aggregate of one activity's counted ratings (every feedback but removed ones).
 *
 * @param total the sum of the ratings
 * @param histogram how many ratings of 1, 2, 3, 4 and 5 (index 0 is rating 1)
 */
public record FeedbackSummary(int count, long total, List<Integer> histogram) {

    public static final FeedbackSummary NONE = new FeedbackSummary(0, 0, List.of(0, 0, 0, 0, 0));

    public FeedbackSummary {
        histogram = List.copyOf(histogram);
        if (histogram.size() != 5) {
            throw new IllegalArgumentException("a histogram has five bars");
        }
    }

    /** The average rounded half up to one decimal (4.55 → 4.6), or null without ratings. */
    public Double average() {
        return count == 0
                ? null
                : BigDecimal.valueOf(total)
                        .divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP)
                        .doubleValue();
    }
}
