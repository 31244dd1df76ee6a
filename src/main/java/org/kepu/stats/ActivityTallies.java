package org.kepu.stats;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** Feedback figures of one activity: how many ratings and their sum (ratings are 1 to 5). */
    public record Feedback(long count, long ratingSum) {

        public Feedback {
            if (count < 0 || ratingSum < count || ratingSum > 5 * count) { // ratings are 1 to 5
                throw new IllegalArgumentException(count + " ratings cannot sum to " + ratingSum);
            }
        }
    }

    /** The activity's visible feedback now: how many ratings and their sum (average = sum / count). */
    public Mono<Void> feedback(UUID activityId, long count, long ratingSum) {
        return Mono.fromCallable(() -> Map.of(activityId, new Feedback(count, ratingSum)))
                .flatMap(this::feedback);
    }

    /** Several activities' feedback now, in one statement (a batch of saves). */
    public Mono<Void> feedback(Map<UUID, Feedback> figures) {
        Map<UUID, long[]> values = new HashMap<>();
        figures.forEach((id, f) -> values.put(id, new long[] {f.count(), f.ratingSum()}));
        return store(values, "feedback_count", "feedback_sum", false);
    }

    /**
     * The livestream's audience so far: peak concurrent and unique viewers. Both only grow, so a late or
     * reordered call never lowers a figure already recorded.
     */
    public Mono<Void> liveAudience(UUID activityId, long peakViewers, long uniqueViewers) {
        if (peakViewers < 0 || uniqueViewers < 0) {
            return Mono.error(new IllegalArgumentException("viewer counts cannot be negative"));
        }
        return store(Map.of(activityId, new long[] {peakViewers, uniqueViewers}), "live_peak", "live_unique", true);
    }

    /** Upserts the two figures of each activity (rows in activity order, the lock order of every writer). */
    private Mono<Void> store(Map<UUID, long[]> values, String a, String b, boolean onlyGrow) {
        if (values.isEmpty()) {
            return Mono.empty();
        }
        Map<UUID, long[]> sorted = new TreeMap<>(values);
        String na = onlyGrow ? "greatest(s." + a + ", EXCLUDED." + a + ")" : "EXCLUDED." + a;
        String nb = onlyGrow ? "greatest(s." + b + ", EXCLUDED." + b + ")" : "EXCLUDED." + b;
        Mono<Void> work = db.sql("INSERT INTO stats.activity_signal AS s (activity_id, " + a + ", " + b
                        + ", updated_at) SELECT x.id, x.a, x.b, :now FROM unnest(:ids, :as, :bs) AS x(id, a, b)"
                        + " ON CONFLICT (activity_id) DO UPDATE SET " + a + " = " + na + ", " + b + " = " + nb
                        + ", updated_at = EXCLUDED.updated_at"
                        + " WHERE (s." + a + ", s." + b + ") IS DISTINCT FROM (" + na + ", " + nb + ")"
                        + " RETURNING s.activity_id")
                .bind("ids", sorted.keySet().toArray(UUID[]::new))
                .bind("as", sorted.values().stream().map(v -> v[0]).toArray(Long[]::new))
                .bind("bs", sorted.values().stream().map(v -> v[1]).toArray(Long[]::new))
                .bind("now", clock.instant())
                .map(row -> row.get("activity_id", UUID.class).toString())
                .all()
                .collectList()
                .flatMap(changed -> outbox.appendAll(Projection.TOPIC, List.copyOf(changed)));
        return tx.transactional(work);
    }
}
