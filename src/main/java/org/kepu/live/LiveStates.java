package org.kepu.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityService;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Public activities and their organizer overrides (PostgreSQL, the truth), cached for a few seconds per
 * instance: every viewer tick and every comment needs the state. An override made on another instance drops
 * the cache through the pub/sub status event; otherwise it takes effect within {@link #TTL}.
 */
@Component
class LiveStates {

    static final Duration TTL = Duration.ofSeconds(3);
    private static final int MAX_ENTRIES = 10_000;

    record Current(Activity activity, Optional<LiveState> override) {}

    private final ActivityService activities;
    private final DatabaseClient db;
    private final Map<UUID, Mono<Current>> cache = new ConcurrentHashMap<>();

    LiveStates(ActivityService activities, DatabaseClient db) {
        this.activities = activities;
        this.db = db;
    }

    Mono<Current> current(UUID id) {
        if (cache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        return cache.computeIfAbsent(id, this::load);
    }

    void forget(UUID id) {
        cache.remove(id);
    }

    private Mono<Current> load(UUID id) {
        return activities
                .published(id)
                .zipWith(override(id))
                .map(t -> new Current(t.getT1(), t.getT2()))
                .cache(c -> TTL, e -> Duration.ZERO, () -> Duration.ZERO)
                .doOnError(e -> cache.remove(id));
    }

    private Mono<Optional<LiveState>> override(UUID id) {
        return db.sql("SELECT state FROM live.state_override WHERE activity_id = :id")
                .bind("id", id)
                .map(row -> LiveState.valueOf(row.get("state", String.class)))
                .one()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /** The overrides of some activities (for a listing). */
    Mono<Map<UUID, LiveState>> overrides(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT activity_id, state FROM live.state_override WHERE activity_id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> Map.entry(
                        row.get("activity_id", UUID.class), LiveState.valueOf(row.get("state", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<Void> set(UUID id, Optional<LiveState> state, String by, Instant at) {
        Mono<Long> write = state.isEmpty()
                ? db.sql("DELETE FROM live.state_override WHERE activity_id = :id")
                        .bind("id", id)
                        .fetch()
                        .rowsUpdated()
                : db.sql("INSERT INTO live.state_override (activity_id, state, set_by, set_at)"
                                + " VALUES (:id, :state, :by, :at) ON CONFLICT (activity_id) DO UPDATE"
                                + " SET state = EXCLUDED.state, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at")
                        .bind("id", id)
                        .bind("state", state.get().name())
                        .bind("by", by)
                        .bind("at", at)
                        .fetch()
                        .rowsUpdated();
        return write.doOnSuccess(n -> forget(id)).then();
    }
}
