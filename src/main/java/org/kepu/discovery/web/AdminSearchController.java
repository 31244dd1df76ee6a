package org.kepu.discovery.web;

import java.util.Map;
import org.kepu.discovery.DiscoveryService;
import org.kepu.discovery.IndexStatus;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.Actors;
import org.kepu.shared.security.Forbidden;
import org.kepu.shared.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class AdminSearchController {

    private final DiscoveryService discovery;

    AdminSearchController(DiscoveryService discovery) {
        this.discovery = discovery;
    }

    /** Index lag, dead-lettered changes (the first 100) and whether indexing waits for Elasticsearch. */
    @GetMapping("/api/v1/admin/search/status")
    Mono<IndexStatus> status() {
        return admin().then(discovery.indexStatus(100));
    }

    /** Queues dead-lettered changes again, once the cause of their refusal is fixed. */
    @PostMapping("/api/v1/admin/search/dead-letters/retry")
    Mono<Map<String, Object>> retryDeadLetters() {
        return admin().then(discovery.retryDeadLetters()).map(n -> Map.<String, Object>of("requeued", n));
    }

    /** Starts an alias-swap rebuild of the search index; searches keep working meanwhile. */
    @PostMapping("/api/v1/admin/search/reindex")
    Mono<ResponseEntity<Map<String, Object>>> reindex() {
        return admin().map(admin -> ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.<String, Object>of("accepted", discovery.requestRebuild())));
    }

    private static Mono<Actor> admin() {
        return Actors.require()
                .filter(actor -> actor.has(Role.ADMIN))
                .switchIfEmpty(Mono.error(() -> new Forbidden("Only administrators may manage the search index.")));
    }
}
