package org.kepu.checkin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.kepu.shared.engines.LuaScript;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Check-in counts cached in Redis; PostgreSQL is the truth ({@code checkin.activity_count}, kept in the group
 * commit's transaction). Every value written to Redis is an exact count as of some commit, and counts only
 * grow, so a write keeps the larger of the cached and the new value: a rebuild from PostgreSQL racing a
 * commit can neither lose that commit's rows nor count them twice. A count that could not be updated while
 * Redis was unreachable is deleted as soon as Redis answers again.
 */
@Component
class CheckInCounts {

    private static final Duration REDIS_BUDGET = Duration.ofMillis(300);

    /** KEYS[1] = the count, ARGV[1] = an exact count, ARGV[2] = TTL in ms; answers the value kept. */
    private static final RedisScript<Long> KEEP_LARGER = LuaScript.of("""
            local current = tonumber(redis.call('GET', KEYS[1]))
            local new = tonumber(ARGV[1])
            if current and current >= new then return current end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return new
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
                .switchIfEmpty(Mono.defer(() ->
                        stored(activity).flatMap(n -> keepLarger(activity, n).onErrorResume(e -> Mono.just(n)))));
    }

    private Mono<Long> keepLarger(UUID activity, long count) {
        return redis.execute(
                        KEEP_LARGER,
                        List.of(key(activity)),
                        List.of(Long.toString(count), Long.toString(ttl.toMillis())))
                .next()
                .timeout(REDIS_BUDGET);
    }

    /** After a commit: the activities' exact counts as of that commit. Never fails the caller. */
    Mono<Void> committed(Map<UUID, Long> counts) {
        return Flux.fromIterable(counts.entrySet())
                .flatMap(e -> keepLarger(e.getKey(), e.getValue())
                        // a cached count that may have missed this commit must be rebuilt, not trusted
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
        return db.sql("SELECT check_ins FROM checkin.activity_count WHERE activity_id = :a")
                .bind("a", activity)
                .map(row -> row.get("check_ins", Long.class))
                .one()
                .defaultIfEmpty(0L);
    }
}
