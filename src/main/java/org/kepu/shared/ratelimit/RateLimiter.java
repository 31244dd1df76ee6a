package org.kepu.shared.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kepu.shared.engines.LuaScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Fixed-window counters shared by all instances through Redis. When Redis is unreachable the counts fall
 * back to this instance's memory: limits get looser by the number of instances, but never disappear.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration REDIS_BUDGET = Duration.ofMillis(500);
    private static final int LOCAL_MAX_KEYS = 100_000;

    /** INCR with the window set on first use (or repaired if a crash left the key without one). */
    private static final RedisScript<List> HIT = LuaScript.of("""
            local c = redis.call('INCR', KEYS[1])
            if c == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {c, redis.call('PTTL', KEYS[1])}
            """, List.class);

    private static final RedisScript<List> PEEK = LuaScript.of("""
            local c = redis.call('GET', KEYS[1])
            if not c then return {0, 0} end
            return {tonumber(c), redis.call('PTTL', KEYS[1])}
            """, List.class);

    /** Takes one event back, if its window still runs (never below zero, never creating a key). */
    private static final RedisScript<Long> REFUND = LuaScript.of("""
            local c = redis.call('GET', KEYS[1])
            if c and tonumber(c) > 0 then return redis.call('DECR', KEYS[1]) end
            return 0
            """, Long.class);

    /** The count in the current window and the time until the window ends. */
    public record Window(long count, Duration remaining) {}

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;
    private final Map<String, LocalWindow> local = new ConcurrentHashMap<>();

    public RateLimiter(ReactiveStringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Counts one more event for {@code key} in a window of the given length. */
    public Mono<Window> hit(String key, Duration window) {
        return redis.execute(HIT, List.of(key), List.of(Long.toString(window.toMillis())))
                .next()
                .map(RateLimiter::window)
                .timeout(REDIS_BUDGET)
                .onErrorResume(e -> {
                    log.debug("rate limit counter {} falls back to local memory: {}", key, e.toString());
                    return Mono.fromSupplier(() -> localHit(key, window));
                });
    }

    /** The current count for {@code key}, without counting. */
    public Mono<Window> peek(String key) {
        return redis.execute(PEEK, List.of(key), List.of())
                .next()
                .map(RateLimiter::window)
                .timeout(REDIS_BUDGET)
                .onErrorResume(e -> Mono.fromSupplier(() -> localPeek(key)));
    }

    /**
     * Takes back one event counted by {@link #hit}, for attempts that turned out not to be the caller's doing
     * (e.g. waiting for its own earlier request to finish).
     */
    public Mono<Void> refund(String key) {
        local.computeIfPresent(key, (k, w) -> w.count > 0 ? new LocalWindow(w.count - 1, w.endsAt) : w);
        return redis.execute(REFUND, List.of(key), List.of())
                .next()
                .timeout(REDIS_BUDGET)
                .onErrorResume(e -> Mono.just(0L))
                .then();
    }

    /** Forgets the count for {@code key} (e.g. failed logins after a successful one). */
    public Mono<Void> reset(String key) {
        local.remove(key);
        return redis.delete(key)
                .timeout(REDIS_BUDGET)
                .onErrorResume(e -> Mono.just(0L))
                .then();
    }

    private static Window window(List<?> reply) {
        long count = ((Number) reply.get(0)).longValue();
        long millis = Math.max(0, ((Number) reply.get(1)).longValue());
        return new Window(count, Duration.ofMillis(millis));
    }

    private Window localHit(String key, Duration window) {
        long now = clock.millis();
        if (local.size() > LOCAL_MAX_KEYS) {
            local.values().removeIf(w -> w.endsAt <= now);
        }
        LocalWindow w = local.compute(
                key,
                (k, old) -> old == null || old.endsAt <= now
                        ? new LocalWindow(1, now + window.toMillis())
                        : new LocalWindow(old.count + 1, old.endsAt));
        return new Window(w.count, Duration.ofMillis(w.endsAt - now));
    }

    private Window localPeek(String key) {
        long now = clock.millis();
        LocalWindow w = local.get(key);
        return w == null || w.endsAt <= now
                ? new Window(0, Duration.ZERO)
                : new Window(w.count, Duration.ofMillis(w.endsAt - now));
    }

    private record LocalWindow(long count, long endsAt) {}
}
