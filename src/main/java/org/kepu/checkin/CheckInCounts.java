package org.kepu.checkin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Check-in counts cached in Redis; PostgreSQL is the truth ({@code checkin.activity_count}, kept in the group
 * commit's transaction, one row per activity and shard). Redis mirrors the shards in a hash and keeps their sum
 * as the count. Every shard value written is exact as of some commit and only grows, so each write keeps the
 * larger value per shard: a rebuild from PostgreSQL racing a commit can neither lose that commit's rows nor
 * count them twice. The sum is kept only once a rebuild has filled every shard ({@code full}); a commit before
 * that records its shard alone. A count that could not be updated while Redis was unreachable is deleted as
 * soon as Redis answers again.
 */
@Component
class CheckInCounts {

    /** Shards per activity: a batch picks one at random, so two concurrent batches rarely wait for each other. */
    static final int SHARDS = 8;

    private static final Duration REDIS_BUDGET = Duration.ofMillis(300);

    /**
     * A commit: KEYS = count, shards; ARGV = shard, its exact value, TTL in ms. Keeps the larger shard value; when
     * the shards are complete, sets the count to their sum, expiring with them.
     */
    private static final RedisScript<Long> COMMITTED = RedisScript.of("""
            local old = tonumber(redis.call('HGET', KEYS[2], ARGV[1]))
            if not old or old < tonumber(ARGV[2]) then redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) end
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[3]); ttl = tonumber(ARGV[3]) end
            if redis.call('HEXISTS', KEYS[2], 'full') == 0 then return -1 end
            local sum = 0
            for i = 0, %d do sum = sum + (tonumber(redis.call('HGET', KEYS[2], tostring(i))) or 0) end
            redis.call('SET', KEYS[1], sum, 'PX', ttl)
            return sum
            """.formatted(SHARDS - 1), Long.class);

    /** A rebuild: KEYS = count, shards; ARGV = TTL in ms, then every shard's value from PostgreSQL in order. */
    private static final RedisScript<Long> REBUILT = RedisScript.of("""
            local sum = 0
            for i = 0, %d do
              local new = tonumber(ARGV[i + 2])
              local old = tonumber(redis.call('HGET', KEYS[2], tostring(i)))
              if old and old > new then new = old end
              redis.call('HSET', KEYS[2], tostring(i), new)
              sum = sum + new
            end
            redis.call('HSET', KEYS[2], 'full', 1)
            redis.call('PEXPIRE', KEYS[2], ARGV[1])
            redis.call('SET', KEYS[1], sum, 'PX', ARGV[1])
            return sum
            """.formatted(SHARDS - 1), Long.class);

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
            return redis.delete(key(activity), shardsKey(activity))
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
                .switchIfEmpty(Mono.defer(() -> shards(activity)
                        .flatMap(values -> rebuilt(activity, values)
                                .onErrorResume(
                                        e -> Mono.just(Arrays.stream(values).sum())))));
    }

    Mono<Long> rebuilt(UUID activity, long[] values) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(ttl.toMillis()));
        for (long v : values) {
            args.add(Long.toString(v));
        }
        return redis.execute(REBUILT, List.of(key(activity), shardsKey(activity)), args)
                .next()
                .timeout(REDIS_BUDGET);
    }

    /** After a commit: the value of the shard it added to, per activity. Never fails the caller. */
    Mono<Void> committed(int shard, Map<UUID, Long> shardValues) {
        return Flux.fromIterable(shardValues.entrySet())
                .flatMap(e -> redis.execute(
                                COMMITTED,
                                List.of(key(e.getKey()), shardsKey(e.getKey())),
                                List.of(
                                        Integer.toString(shard),
                                        e.getValue().toString(),
                                        Long.toString(ttl.toMillis())))
                        .next()
                        .timeout(REDIS_BUDGET)
                        // a cached count that may have missed this commit must be rebuilt, not trusted
                        .onErrorResume(error -> redis.delete(key(e.getKey()), shardsKey(e.getKey()))
                                .timeout(REDIS_BUDGET)
                                .onErrorResume(ignored -> {
                                    missed.add(e.getKey());
                                    return Mono.empty();
                                })
                                .then(Mono.empty())))
                .then();
    }

    Mono<Long> stored(UUID activity) {
        return shards(activity).map(values -> Arrays.stream(values).sum());
    }

    /** Every shard's count of the activity in PostgreSQL, 0 for a shard without a row. */
    Mono<long[]> shards(UUID activity) {
        long[] values = new long[SHARDS];
        return db.sql("SELECT shard, check_ins FROM checkin.activity_count WHERE activity_id = :a")
                .bind("a", activity)
                .map(row -> {
                    values[row.get("shard", Short.class)] = row.get("check_ins", Long.class);
                    return 1;
                })
                .all()
                .then(Mono.fromSupplier(() -> values));
    }

    static String shardsKey(UUID activity) {
        return key(activity) + ":shards";
    }
}
