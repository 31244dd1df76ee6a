package org.kepu.discovery.web;

import java.util.Map;
import org.kepu.discovery.DiscoveryService;
import org.kepu.shared.security.Actors;
import org.kepu.shared.security.Forbidden;
import org.kepu.shared.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class AdminSearchController {

    private final DiscoveryService discovery;

    AdminSearchController(DiscoveryService discovery) {
        this.discovery = discovery;
    }

    /** Starts an alias-swap rebuild of the search index; searches keep working meanwhile. */
    @PostMapping("/api/v1/admin/search/reindex")
    Mono<ResponseEntity<Map<String, Object>>> reindex() {
        return Actors.require()
                .filter(actor -> actor.has(Role.ADMIN))
                .switchIfEmpty(Mono.error(() -> new Forbidden("Only administrators may rebuild the index.")))
                .map(admin -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Map.<String, Object>of("accepted", discovery.requestRebuild())));
    }
}
