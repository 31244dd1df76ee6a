package org.kepu.checkin;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.kepu.activity.ActivityCheckIns;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The public check-in count of activities. One activity (a detail page) reads the Redis-cached count; a
 * batch (search indexing, up to hundreds at once) is one grouped query on PostgreSQL, the truth, rather
 * than a cache round trip per activity.
 */
@Component
class CheckInFigures implements ActivityCheckIns {

    private final CheckInCounts counts;
    private final DatabaseClient db;

    CheckInFigures(CheckInCounts counts, DatabaseClient db) {
        this.counts = counts;
        this.db = db;
    }

    @Override
    public Mono<Map<UUID, Long>> checkIns(Collection<UUID> activityIds) {
        if (activityIds.size() == 1) {
            UUID only = activityIds.iterator().next();
            return counts.count(only).map(n -> Map.of(only, n));
        }
        return db.sql("""
                        SELECT activity_id, count(*) AS n FROM checkin.check_in
                        WHERE activity_id = ANY(:ids) GROUP BY activity_id
                        """)
                .bind("ids", activityIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("activity_id", UUID.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
