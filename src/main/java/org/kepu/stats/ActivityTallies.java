package org.kepu.stats;

import java.time.Clock;
import java.util.UUID;
import org.kepu.shared.outbox.Outbox;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Where the feedback and live modules hand over their per-activity figures for the statistics. Values are
 * absolute (the current totals, not increments), so repeating a call changes nothing and a lost call is
 * repaired by the next one. A change is noted in the outbox (topic {@code stats}) in the same transaction,
 * and the projection picks it up within {@code kepu.stats.poll-interval}.
 */
@Component
public class ActivityTallies {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final Clock clock;

    ActivityTallies(DatabaseClient db, TransactionalOperator tx, Outbox outbox, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The activity's visible feedback now: how many ratings and their sum (average = sum / count). */
    public Mono<Void> feedback(UUID activityId, long count, long ratingSum) {
        if (count < 0 || ratingSum < count || ratingSum > 5 * count) { // ratings are 1 to 5
            return Mono.error(new IllegalArgumentException(
                    "feedback of " + activityId + ": " + count + " ratings cannot sum to " + ratingSum));
        }
        return store(activityId, "feedback_count", count, "feedback_sum", ratingSum, false);
    }

    /**
     * The livestream's audience so far: peak concurrent and unique viewers. Both only grow, so a late or
     * reordered call never lowers a figure already recorded.
     */
    public Mono<Void> liveAudience(UUID activityId, long peakViewers, long uniqueViewers) {
        if (peakViewers < 0 || uniqueViewers < 0) {
            return Mono.error(new IllegalArgumentException("viewer counts cannot be negative"));
        }
        return store(activityId, "live_peak", peakViewers, "live_unique", uniqueViewers, true);
    }

    private Mono<Void> store(UUID activityId, String a, long va, String b, long vb, boolean onlyGrow) {
        String na = onlyGrow ? "greatest(s." + a + ", EXCLUDED." + a + ")" : "EXCLUDED." + a;
        String nb = onlyGrow ? "greatest(s." + b + ", EXCLUDED." + b + ")" : "EXCLUDED." + b;
        Mono<Void> work = db.sql("INSERT INTO stats.activity_signal AS s (activity_id, " + a + ", " + b
                        + ", updated_at) VALUES (:id, :a, :b, :now) ON CONFLICT (activity_id) DO UPDATE SET " + a
                        + " = " + na + ", " + b + " = " + nb + ", updated_at = EXCLUDED.updated_at"
                        + " WHERE (s." + a + ", s." + b + ") IS DISTINCT FROM (" + na + ", " + nb + ")"
                        + " RETURNING s.activity_id")
                .bind("id", activityId)
                .bind("a", va)
                .bind("b", vb)
                .bind("now", clock.instant())
                .map(row -> 1)
                .all()
                .hasElements()
                .flatMap(changed -> changed ? outbox.append(Projection.TOPIC, activityId.toString()) : Mono.empty());
        return tx.transactional(work);
    }
}
