package org.kepu.stats;

import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.util.List;

/**
 * Additive figures being summed from tally rows. Incomplete evidence of activities that ended before the
 * cut-off day is moved into "overdue" here, when it is read, so the counters never change as days pass.
 */
final class Counts {

    private static final List<String> M = Projection.METRICS;
    private static final int NONE = M.indexOf("evidence_none");
    private static final int PARTIAL = M.indexOf("evidence_partial");

    private final long[] values = new long[M.size()];
    private long overdue;

    /** Adds one tally row; {@code overdueBefore}: incomplete evidence of activities ending before it is late. */
    void add(Readable row, LocalDate overdueBefore) {
        LocalDate endDay = row.get("end_day", LocalDate.class);
        boolean late = endDay.isBefore(overdueBefore);
        for (int i = 0; i < values.length; i++) {
            long v = row.get(M.get(i), Long.class);
            if (late && (i == NONE || i == PARTIAL)) {
                overdue += v;
            } else {
                values[i] += v;
            }
        }
    }

    void add(Counts other) {
        for (int i = 0; i < values.length; i++) {
            values[i] += other.values[i];
        }
        overdue += other.overdue;
    }

    Counts minus(Counts other) {
        Counts result = new Counts();
        for (int i = 0; i < values.length; i++) {
            result.values[i] = values[i] - other.values[i];
        }
        result.overdue = overdue - other.overdue;
        return result;
    }

    private long v(String metric) {
        return values[M.indexOf(metric)];
    }

    Figures figures() {
        long feedback = v("feedback_count");
        long ratingSum = v("feedback_sum");
        return new Figures(
                v("published"),
                v("main_venue"),
                v("online"),
                v("cancelled"),
                v("check_ins_onsite"),
                v("check_ins_online"),
                new Figures.EvidenceCounts(v("evidence_none"), v("evidence_partial"), v("evidence_complete"), overdue),
                v("attendance_onsite"),
                v("attendance_online"),
                v("volunteers"),
                v("recommended"),
                feedback,
                ratingSum,
                feedback == 0 ? null : Math.round(ratingSum * 100.0 / feedback) / 100.0,
                v("live_peak"),
                v("live_unique"));
    }
}
