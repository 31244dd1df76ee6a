package org.kepu.feedback;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /**
     * Moves the activity's aggregate by one feedback row's change: the old rating leaves it (when it counted),
     * the new one enters (when it counts). A participant's save costs one row update, taken last in its
     * transaction, instead of re-reading every feedback of the activity while holding the row from the start.
     * Exact alongside {@link #recompute}: a moderator locks the row first, so a save either committed before
     * (the recomputation sees its row) or moves the recomputed figures after (its row was not visible to it).
     */
    Mono<FeedbackSummary> move(UUID activityId, Integer leaving, Integer entering) {
        int[] delta = new int[6]; // count, r1..r5
        int total = 0;
        if (leaving != null) {
            delta[0]--;
            delta[leaving]--;
            total -= leaving;
        }
        if (entering != null) {
            delta[0]++;
            delta[entering]++;
            total += entering;
        }
        // the first feedback of an activity creates its row; the upsert is where a save waits for the others
        return db.sql("INSERT INTO feedback.summary AS s (" + COLUMNS + ", updated_at)"
                        + " VALUES (:a, :c, :t, :r1, :r2, :r3, :r4, :r5, :at) ON CONFLICT (activity_id) DO UPDATE"
                        + " SET count = s.count + :c, total = s.total + :t, r1 = s.r1 + :r1, r2 = s.r2 + :r2,"
                        + " r3 = s.r3 + :r3, r4 = s.r4 + :r4, r5 = s.r5 + :r5, updated_at = :at"
                        + " RETURNING " + COLUMNS)
                .bind("c", delta[0])
                .bind("t", total)
                .bind("r1", delta[1])
                .bind("r2", delta[2])
                .bind("r3", delta[3])
                .bind("r4", delta[4])
                .bind("r5", delta[5])
                .bind("at", clock.instant())
                .bind("a", activityId)
                .map(FeedbackSummaries::summary)
                .one();
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
