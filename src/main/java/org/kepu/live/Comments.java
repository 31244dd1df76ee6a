package org.kepu.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The chat's recent past, for viewers who reconnect: a Redis stream per activity, capped by length and
 * expiring after the last comment. Redis assigns the ids (time-ordered), which are also the events' ids. Each
 * entry keeps the author (for muting by comment) and the comment's JSON without its id.
 */
@Component
class Comments {

    /** Entries after an id, or (no id) the newest id only: flat list of the newest id, then id, tail, … */
    private static final RedisScript<List> READ = RedisScript.of("""
            local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            local out = {newest[1] and newest[1][1] or '0-0'}
            if ARGV[1] == '' then return out end
            for _, e in ipairs(redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])) do
              local f = e[2]
              for i = 1, #f, 2 do
                if f[i] == 't' then out[#out + 1] = e[1]; out[#out + 1] = f[i + 1] end
              end
            end
            return out
            """, List.class);

    private static final RedisScript<String> ADD = RedisScript.of("""
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'p', ARGV[3], 't', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return id
            """, String.class);

    private static final RedisScript<String> AUTHOR = RedisScript.of("""
            local e = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
            if not e[1] then return false end
            local f = e[1][2]
            for i = 1, #f, 2 do if f[i] == 'p' then return f[i + 1] end end
            return false
            """, String.class);

    record Entry(String id, String tail) {}

    /** The newest comment id at the time of reading and the comments after the given one. */
    record Read(String newest, List<Entry> after) {}

    private final ReactiveStringRedisTemplate redis;
    private final LiveProperties properties;

    Comments(ReactiveStringRedisTemplate redis, LiveProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    static String key(UUID activity) {
        return "kepu:live:comments:" + activity;
    }

    /** Whether a client's Last-Event-ID can be one of ours (anything else is ignored). */
    static boolean isId(String id) {
        return id != null && id.length() <= 40 && id.matches("[0-9]{1,20}-[0-9]{1,18}");
    }

    Mono<String> add(UUID activity, UUID participant, String tail) {
        return redis.execute(
                        ADD,
                        List.of(key(activity)),
                        List.of(
                                Integer.toString(properties.commentsKept()),
                                Long.toString(properties.commentsTtl().toMillis()),
                                participant.toString(),
                                tail))
                .next()
                .timeout(Presence.REDIS_BUDGET);
    }

    Mono<Read> read(UUID activity, Optional<String> after) {
        return redis.execute(
                        READ,
                        List.of(key(activity)),
                        List.of(after.orElse(""), Integer.toString(properties.commentsKept())))
                .next()
                .map(reply -> {
                    List<Entry> entries = new ArrayList<>();
                    for (int i = 1; i + 1 < reply.size(); i += 2) {
                        entries.add(new Entry(
                                reply.get(i).toString(), reply.get(i + 1).toString()));
                    }
                    return new Read(reply.get(0).toString(), entries);
                })
                .timeout(Presence.REDIS_BUDGET);
    }

    Mono<UUID> author(UUID activity, String id) {
        return redis.execute(AUTHOR, List.of(key(activity)), List.of(id))
                .next()
                .map(UUID::fromString)
                .timeout(Presence.REDIS_BUDGET);
    }

    Mono<Boolean> remove(UUID activity, String id) {
        return redis.opsForStream().delete(key(activity), id).map(n -> n > 0).timeout(Presence.REDIS_BUDGET);
    }

    static Duration budget() {
        return Presence.REDIS_BUDGET;
    }
}
