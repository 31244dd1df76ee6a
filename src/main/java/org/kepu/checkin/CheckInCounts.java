package org.kepu.checkin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Check-in counts cached in Redis; PostgreSQL is the truth. A missing key (expired, evicted, Redis restarted)
 * is rebuilt with a {@code COUNT}; increments only touch keys that exist, so a partial count is never
 * created. A rebuild racing an increment can be off by that batch until the key expires ({@code countTtl}). A
 * count that missed an increment while Redis was unreachable is deleted as soon as Redis answers again.
 */
@Component
class CheckInCounts {

    private static final Duration REDIS_BUDGET = Duration.ofMillis(300);

    private static final RedisScript<Long> ADD_IF_PRESENT = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
            return -1
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final DatabaseClient db;
    private final Duration ttl;
    /** Activities whose cached count missed an increment and could not be deleted (Redis unreachable). */
    private final Set<UUID> missed = ConcurrentHashMap.newKeySet();

    CheckInCounts(ReactiveStringRedisTemplate redis, DatabaseClient db, CheckInProperties properties) {
        this.redis = redis;
        this.db = db;
        this.ttl = properties.countTtl();
    }

    static String key(UUID activity) {
        return "kepu:checkin:count:" + activity;
    }

    Mono<Long> count(UUID activity) {
        if (missed.contains(activity)) {
            // an increment failed while Redis was unreachable and so did the delete: drop the cached count first
            return redis.delete(key(activity))
                    .timeout(REDIS_BUDGET)
                    .doOnSuccess(deleted -> missed.remove(activity))
                    .onErrorResume(e -> Mono.empty())
                    .then(stored(activity));
        }
        return redis.opsForValue()
                .get(key(activity))
                .timeout(REDIS_BUDGET)
                .map(Long::parseLong)
                .onErrorResume(e -> Mono.empty())
                .switchIfEmpty(Mono.defer(() -> stored(activity)
                        .flatMap(n -> redis.opsForValue()
                                .setIfAbsent(key(activity), Long.toString(n), ttl)
                                .timeout(REDIS_BUDGET)
                                .onErrorResume(e -> Mono.just(false))
                                .thenReturn(n))));
    }

    /** After a commit: adds the new rows to the cached counts that exist. Never fails the caller. */
    Mono<Void> added(Map<UUID, Long> perActivity) {
        return Flux.fromIterable(perActivity.entrySet())
                .flatMap(e -> redis.execute(
                                ADD_IF_PRESENT,
                                List.of(key(e.getKey())),
                                List.of(e.getValue().toString()))
                        .timeout(REDIS_BUDGET)
                        // a count that may have missed this increment must be rebuilt, not trusted
                        .onErrorResume(error -> redis.delete(key(e.getKey()))
                                .timeout(REDIS_BUDGET)
                                .onErrorResume(ignored -> {
                                    missed.add(e.getKey());
                                    return Mono.empty();
                                })
                                .then(Mono.empty())))
                .then();
    }

    Mono<Long> stored(UUID activity) {
        return db.sql("SELECT count(*) AS n FROM checkin.check_in WHERE activity_id = :a")
                .bind("a", activity)
                .map(row -> row.get("n", Long.class))
                .one();
    }
}
