package org.kepu.discovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hot searches, cached briefly in Redis (shared by all instances) with single-flight in each instance:
 * identical concurrent misses make one Elasticsearch call. The lifetime is short enough that a publish
 * still shows within two seconds. Redis trouble only bypasses the cache.
 */
final class SearchCache {

    static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration REDIS_BUDGET = Duration.ofMillis(200);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final Map<String, Mono<SearchResult>> local = new ConcurrentHashMap<>();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private final Counter lookups;
    private final Counter sent;

    SearchCache(ReactiveStringRedisTemplate redis, JsonMapper json, MeterRegistry metrics) {
        this.redis = redis;
        this.json = json;
        // hit ratio = 1 - misses / requests (the benchmark's hot-search scenario reads both)
        this.lookups = Counter.builder("kepu.search.cache.requests").register(metrics);
        this.sent = Counter.builder("kepu.search.cache.misses").register(metrics);
    }

    /** Searches sent on to Elasticsearch so far (for tests and metrics). */
    long misses() {
        return misses.get();
    }

    Mono<SearchResult> get(String request, Supplier<Mono<SearchResult>> search) {
        lookups.increment();
        String key = "kepu:discovery:search:" + sha256(generation.get() + ":" + request);
        // this instance's own recent answer first: no Redis round trip, and no second Elasticsearch call for
        // a request that missed in Redis just before the first one's answer was stored there
        Mono<SearchResult> recent = local.get(key);
        if (recent != null) {
            return recent;
        }
        return redis.opsForValue()
                .get(key)
                .timeout(REDIS_BUDGET)
                .onErrorResume(e -> Mono.empty())
                .map(cached -> json.readValue(cached, SearchResult.class))
                .switchIfEmpty(Mono.defer(() -> local.computeIfAbsent(key, k -> flight(k, search))));
    }

    /** One Elasticsearch call shared by every identical request until its answer is {@link #TTL} old. */
    private Mono<SearchResult> flight(String key, Supplier<Mono<SearchResult>> search) {
        AtomicReference<Mono<SearchResult>> self = new AtomicReference<>();
        Mono<SearchResult> shared = Mono.defer(() -> {
                    misses.incrementAndGet();
                    sent.increment();
                    return search.get();
                })
                .flatMap(result -> store(key, result).thenReturn(result))
                .doOnSuccess(result -> {
                    if (result == null || result.degraded()) {
                        local.remove(key, self.get()); // a fallback answer is not kept
                    } else {
                        Mono.delay(TTL).subscribe(t -> local.remove(key, self.get()));
                    }
                })
                .doOnError(e -> local.remove(key, self.get()))
                .cache();
        self.set(shared);
        return shared;
    }

    /**
     * Makes this instance ignore everything cached so far (after a catch-up, so that its next searches
     * reflect everything indexed); other instances' entries expire within {@link #TTL} anyway.
     */
    void clear() {
        generation.incrementAndGet();
    }

    private Mono<Void> store(String key, SearchResult result) {
        if (result.degraded()) {
            return Mono.empty(); // never keep a fallback answer once the index is back
        }
        return redis.opsForValue()
                .set(key, json.writeValueAsString(result), TTL)
                .timeout(REDIS_BUDGET)
                .onErrorResume(e -> Mono.just(false))
                .then();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
