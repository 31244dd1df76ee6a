package org.kepu.feedback;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.kepu.activity.ActivityRatings;
import org.kepu.activity.ActivitySummaries;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The per-activity aggregates (average, count, histogram), kept exact: a participant's save moves the
 * activity's summary row by its own change at the end of its transaction; a moderator's change locks the row
 * and recomputes it from the feedback rows. They
 * reach the activity's public {@code rating} (and so the search index, through the outbox) as the activity
 * module's {@link ActivityRatings}; statistics read them here.
 */
@Component
public class FeedbackSummaries implements ActivityRatings {

    private static final String COLUMNS = "activity_id, count, total, r1, r2, r3, r4, r5";

    private final DatabaseClient db;
    private final Clock clock;

    FeedbackSummaries(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The activity's aggregate; {@link FeedbackSummary#NONE} before its first feedback. */
    public Mono<FeedbackSummary> of(UUID activityId) {
        return of(List.of(activityId)).map(found -> found.getOrDefault(activityId, FeedbackSummary.NONE));
    }

    /** The aggregates of the activities that have feedback, by activity id. */
    public Mono<Map<UUID, FeedbackSummary>> of(Collection<UUID> activityIds) {
        if (activityIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT " + COLUMNS + " FROM feedback.summary WHERE activity_id = ANY(:ids) AND count > 0")
                .bind("ids", activityIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("activity_id", UUID.class), summary(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    @Override
    public Mono<Map<UUID, ActivitySummaries.Rating>> ratings(Collection<UUID> activityIds) {
        return of(activityIds).map(found -> {
            Map<UUID, ActivitySummaries.Rating> ratings = new java.util.HashMap<>();
            found.forEach((id, s) -> ratings.put(id, new ActivitySummaries.Rating(s.average(), s.count())));
            return ratings;
        });
    }

    /**
     * Locks the activity's summary row (creating it empty the first time) and returns the aggregate as it
     * stands: for a moderator's change, after locking the feedback row (the order saves take them in), so
     * that its {@link #recompute} sees every save committed before it.
     */
    Mono<FeedbackSummary> lock(UUID activityId) {
        return db.sql("INSERT INTO feedback.summary (" + COLUMNS + ", updated_at) VALUES (:a, 0, 0, 0, 0, 0, 0, 0, :at)"
                        + " ON CONFLICT (activity_id) DO UPDATE SET updated_at = feedback.summary.updated_at"
                        + " RETURNING " + COLUMNS)
                .bind("a", activityId)
                .bind("at", clock.instant())
                .map(FeedbackSummaries::summary)
                .one();
    }

    /** Recomputes the activity's aggregate from its rows (after {@link #lock} in the same transaction). */
    Mono<FeedbackSummary> recompute(UUID activityId) {
        return db.sql("""
                        UPDATE feedback.summary s SET count = a.count, total = a.total, r1 = a.r1, r2 = a.r2,
                          r3 = a.r3, r4 = a.r4, r5 = a.r5, updated_at = :at
                        FROM (SELECT count(*) AS count, coalesce(sum(rating), 0) AS total,
                                count(*) FILTER (WHERE rating = 1) AS r1, count(*) FILTER (WHERE rating = 2) AS r2,
                                count(*) FILTER (WHERE rating = 3) AS r3, count(*) FILTER (WHERE rating = 4) AS r4,
                                count(*) FILTER (WHERE rating = 5) AS r5
                              FROM feedback.feedback WHERE activity_id = :a AND state <> 'REMOVED') a
                        WHERE s.activity_id = :a
                        RETURNING s.activity_id, s.count, s.total, s.r1, s.r2, s.r3, s.r4, s.r5
                        """)
                .bind("a", activityId)
                .bind("at", clock.instant())
                .map(FeedbackSummaries::summary)
                .one();
    }

    /** How saves move one activity's aggregate: ratings leave it (when they counted) and enter it. */
    static final class Change {
        private int count;
        private int total;
        private final int[] histogram = new int[5];

        void leave(Integer rating) {
            if (rating != null) {
                count--;
                total -= rating;
                histogram[rating - 1]--;
            }
        }

        void enter(Integer rating) {
            if (rating != null) {
                count++;
                total += rating;
                histogram[rating - 1]++;
            }
        }

        boolean isNone() {
            return count == 0 && total == 0 && Arrays.stream(histogram).allMatch(n -> n == 0);
        }
    }

    /**
     * Moves each activity's aggregate by its saves' change, in one statement at the end of their transaction
     * (rows in activity order, the order every writer takes them in), instead of re-reading every feedback of
     * the activity while holding its row. Exact alongside {@link #recompute}: a moderator locks the row first,
     * so a save either committed before (the recomputation sees its row) or moves the recomputed figures
     * after (its row was not visible to it). Emits the aggregates after the move.
     */
    Mono<Map<UUID, FeedbackSummary>> move(Map<UUID, Change> changes) {
        Map<UUID, Change> sorted = new TreeMap<>();
        changes.forEach((id, change) -> {
            if (!change.isNone()) {
                sorted.put(id, change);
            }
        });
        if (sorted.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<Change> list = List.copyOf(sorted.values());
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO feedback.summary AS s (" + COLUMNS
                        + ", updated_at) SELECT x.*, :at FROM unnest(:a, :c, :t, :r1, :r2, :r3, :r4, :r5)"
                        + " AS x(activity_id, count, total, r1, r2, r3, r4, r5) ON CONFLICT (activity_id) DO UPDATE"
                        + " SET count = s.count + EXCLUDED.count, total = s.total + EXCLUDED.total,"
                        + " r1 = s.r1 + EXCLUDED.r1, r2 = s.r2 + EXCLUDED.r2, r3 = s.r3 + EXCLUDED.r3,"
                        + " r4 = s.r4 + EXCLUDED.r4, r5 = s.r5 + EXCLUDED.r5, updated_at = EXCLUDED.updated_at"
                        + " RETURNING " + COLUMNS)
                .bind("a", sorted.keySet().toArray(UUID[]::new))
                .bind("c", list.stream().map(c -> c.count).toArray(Integer[]::new))
                .bind("t", list.stream().map(c -> c.total).toArray(Integer[]::new))
                .bind("at", clock.instant());
        for (int r = 1; r <= 5; r++) {
            int at = r - 1;
            spec = spec.bind("r" + r, list.stream().map(c -> c.histogram[at]).toArray(Integer[]::new));
        }
        return spec.map(row -> Map.entry(row.get("activity_id", UUID.class), summary(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static FeedbackSummary summary(Readable row) {
        return new FeedbackSummary(
                row.get("count", Integer.class),
                row.get("total", Integer.class),
                List.of(
                        row.get("r1", Integer.class),
                        row.get("r2", Integer.class),
                        row.get("r3", Integer.class),
                        row.get("r4", Integer.class),
                        row.get("r5", Integer.class)));
    }
}
