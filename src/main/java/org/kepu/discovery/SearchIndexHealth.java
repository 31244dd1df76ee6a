package org.kepu.discovery;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code searchIndex} in /actuator/health: WARNING while outbox rows are dead-lettered (search misses
 * those changes until an admin retries them), UP otherwise. Not part of readiness: the app serves without it.
 */
@Component("searchIndex")
class SearchIndexHealth implements ReactiveHealthIndicator {

    static final Status WARNING = new Status("WARNING", "some changes could not be indexed; see the admin API");

    private final DiscoveryService discovery;

    SearchIndexHealth(DiscoveryService discovery) {
        this.discovery = discovery;
    }

    @Override
    public Mono<Health> health() {
        IndexStatus status = discovery.lastIndexStatus();
        return Mono.just(Health.status(status.dead() > 0 ? WARNING : Status.UP)
                .withDetails(Map.of(
                        "pending", status.pending(),
                        "dead", status.dead(),
                        "lagSeconds", status.lagSeconds(),
                        "waitingForElasticsearch", status.waiting()))
                .build());
    }
}
