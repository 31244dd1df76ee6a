package org.kepu.checkin;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityNotFound;
import org.kepu.activity.ActivityService;
import org.kepu.activity.ActivityStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Public, not cancelled activities for check-in, cached for a few seconds: a venue's crowd scans within the
 * same minute, and one read per few seconds instead of one per scan keeps the storm on the write path. A
 * cancellation or postponement takes effect within {@link #TTL}.
 */
@Component
class ActivityLookup {

    static final Duration TTL = Duration.ofSeconds(3);
    private static final int MAX_ENTRIES = 10_000;

    private final ActivityService activities;
    private final Map<UUID, Mono<Activity>> cache = new ConcurrentHashMap<>();

    ActivityLookup(ActivityService activities) {
        this.activities = activities;
    }

    Mono<Activity> open(UUID id) {
        if (cache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        return cache.computeIfAbsent(id, this::load)
                .filter(a -> a.status() != ActivityStatus.CANCELLED)
                .switchIfEmpty(Mono.error(ActivityNotFound::new));
    }

    private Mono<Activity> load(UUID id) {
        // errors (not found, database down) are not cached; found activities are, for TTL
        return activities
                .published(id)
                .cache(a -> TTL, e -> Duration.ZERO, () -> Duration.ZERO)
                .doOnError(e -> cache.remove(id));
    }
}
