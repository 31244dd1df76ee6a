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
 * batch (search indexing, up to hundreds at once) reads the counter rows on PostgreSQL (the truth the cache is
 * rebuilt from), rather than a cache round trip per activity.
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
        // the counter rows the group commit keeps, not count(*): an activity with 30,000 check-ins made every
        // re-index of it (each feedback, each check-in batch) read 30,000 rows
        return db.sql("SELECT activity_id, check_ins FROM checkin.activity_count WHERE activity_id = ANY(:ids)")
                .bind("ids", activityIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("activity_id", UUID.class), row.get("check_ins", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
