package org.kepu.activity;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Public activities as read at most {@link #TTL} ago, for the paths a crowd takes at once: a venue's visitors
 * scan within the same minute, and its participants rate it as they leave. One read per few seconds instead of
 * one per request keeps the database on the writes; a cancellation or postponement takes effect within the
 * TTL. Errors (not found, database down) are not kept.
 */
final class RecentlyPublished {

    static final Duration TTL = Duration.ofSeconds(3);
    private static final int MAX_ENTRIES = 10_000;

    private final Function<UUID, Mono<Activity>> published;
    private final Map<UUID, Mono<Activity>> cache = new ConcurrentHashMap<>();

    RecentlyPublished(Function<UUID, Mono<Activity>> published) {
        this.published = published;
    }

    Mono<Activity> get(UUID id) {
        if (cache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        return cache.computeIfAbsent(id, this::load);
    }

    private Mono<Activity> load(UUID id) {
        return published
                .apply(id)
                .cache(a -> TTL, e -> Duration.ZERO, () -> Duration.ZERO)
                .doOnError(e -> cache.remove(id));
    }
}
