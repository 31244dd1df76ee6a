package org.kepu.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.kepu.shared.engines.LuaScript;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who watches, in Redis: per activity a sorted set of participants scored by their last refresh (current
 * viewers: refreshed within two heartbeats) and a HyperLogLog of everyone who watched (unique viewers). Scores
 * come from Redis's own clock, so instances with skewed clocks agree. Each instance refreshes all its viewers
 * in one call per activity and tick; a vanished instance's viewers fall out after two heartbeats.
 */
@Component
class Presence {

    static final Duration REDIS_BUDGET = Duration.ofMillis(500);
    static final String ACTIVE = "kepu:live:active";
    private static final Duration KEY_TTL = Duration.ofDays(2);

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /** KEYS viewers, unique, active; ARGV ttl ms, key ttl ms, active member, leavers count, leavers…, joiners… */
    private static final RedisScript<List> REFRESH = LuaScript.of(NOW + """
            local ttl = tonumber(ARGV[1])
            local leavers = tonumber(ARGV[4])
            for i = 5, 4 + leavers do redis.call('ZREM', KEYS[1], ARGV[i]) end
            local first = 5 + leavers
            for i = first, #ARGV do redis.call('ZADD', KEYS[1], now, ARGV[i]) end
            for i = first, #ARGV, 500 do redis.call('PFADD', KEYS[2], unpack(ARGV, i, math.min(#ARGV, i + 499))) end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            if #ARGV >= first then redis.call('ZADD', KEYS[3], now, ARGV[3]) end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - ttl)
            redis.call('PEXPIRE', KEYS[3], ARGV[2])
            return {redis.call('ZCARD', KEYS[1]), redis.call('PFCOUNT', KEYS[2])}
            """, List.class);

    /**
     * KEYS viewers, unique, active, since; ARGV key ttl ms, active member, participant, since ttl ms → ms watched
     * so far (since the participant's first stream within the since key's life).
     */
    private static final RedisScript<Long> JOIN = LuaScript.of(NOW + """
            local since = redis.call('GET', KEYS[4])
            if not since then
              since = now
              redis.call('SET', KEYS[4], now, 'PX', ARGV[4])
            end
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            redis.call('PFADD', KEYS[2], ARGV[3])
            redis.call('ZADD', KEYS[3], now, ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[2], ARGV[1])
            redis.call('PEXPIRE', KEYS[3], ARGV[1])
            return now - tonumber(since)
            """, Long.class);

    /** KEYS active; ARGV region prefix, ttl ms → flat list of (region, current viewers) for live activities. */
    private static final RedisScript<List> REGIONS = LuaScript.of(NOW + """
            local ttl = tonumber(ARGV[2])
            local prefix = ARGV[1]
            local out = {}
            for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now - ttl, '+inf')) do
              local sep = string.find(m, ':', 1, true)
              local region = string.sub(m, 1, sep - 1)
              if string.sub(region, 1, #prefix) == prefix then
                out[#out + 1] = region
                out[#out + 1] = redis.call('ZCOUNT', 'kepu:live:viewers:' .. string.sub(m, sep + 1), now - ttl, '+inf')
              end
            end
            return out
            """, List.class);

    record Counts(long current, long unique) {}

    record RegionViewers(String region, long current) {}

    private final ReactiveStringRedisTemplate redis;
    private final Duration ttl;

    Presence(ReactiveStringRedisTemplate redis, LiveProperties properties) {
        this.redis = redis;
        this.ttl = properties.heartbeat().multipliedBy(2);
    }

    static String viewersKey(UUID activity) {
        return "kepu:live:viewers:" + activity;
    }

    static String uniqueKey(UUID activity) {
        return "kepu:live:unique:" + activity;
    }

    static String member(String region, UUID activity) {
        return region + ":" + activity;
    }

    static String sinceKey(UUID activity, UUID participant) {
        return "kepu:live:since:" + activity + ":" + participant;
    }

    /**
     * Counts the participant in and answers how long they have watched: from their first stream, kept for
     * {@code minWatchTime} and two heartbeats, so a reconnect does not start the watch time again.
     */
    Mono<Duration> join(UUID activity, String region, UUID participant, Duration minWatchTime) {
        return redis.execute(
                        JOIN,
                        List.of(viewersKey(activity), uniqueKey(activity), ACTIVE, sinceKey(activity, participant)),
                        List.of(
                                Long.toString(KEY_TTL.toMillis()),
                                member(region, activity),
                                participant.toString(),
                                Long.toString(minWatchTime.plus(ttl).toMillis())))
                .next()
                .map(Duration::ofMillis)
                .timeout(REDIS_BUDGET);
    }

    /** Drops the leavers, refreshes the present, and answers the counts. */
    Mono<Counts> refresh(UUID activity, String region, Collection<UUID> leavers, Collection<UUID> present) {
        List<String> args = new ArrayList<>(5 + leavers.size() + present.size());
        args.add(Long.toString(ttl.toMillis()));
        args.add(Long.toString(KEY_TTL.toMillis()));
        args.add(member(region, activity));
        args.add(Integer.toString(leavers.size()));
        leavers.forEach(p -> args.add(p.toString()));
        present.forEach(p -> args.add(p.toString()));
        return redis.execute(REFRESH, List.of(viewersKey(activity), uniqueKey(activity), ACTIVE), args)
                .next()
                .map(reply -> new Counts(((Number) reply.get(0)).longValue(), ((Number) reply.get(1)).longValue()))
                .timeout(REDIS_BUDGET);
    }

    /** Current viewers of live activities in a region subtree, by the activity's region. */
    Mono<List<RegionViewers>> byRegion(String prefix) {
        return redis.execute(REGIONS, List.of(ACTIVE), List.of(prefix, Long.toString(ttl.toMillis())))
                .next()
                .map(reply -> {
                    List<RegionViewers> out = new ArrayList<>();
                    for (int i = 0; i + 1 < reply.size(); i += 2) {
                        out.add(new RegionViewers(reply.get(i).toString(), ((Number) reply.get(i + 1)).longValue()));
                    }
                    return out;
                })
                .timeout(REDIS_BUDGET);
    }
}
