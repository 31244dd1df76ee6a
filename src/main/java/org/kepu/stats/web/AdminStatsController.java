package org.kepu.stats.web;

import java.util.Map;
import org.kepu.shared.security.Actors;
import org.kepu.shared.security.Forbidden;
import org.kepu.shared.security.Role;
import org.kepu.stats.StatsService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Operations on the statistics projection. */
@RestController
class AdminStatsController {

    private final StatsService stats;

    AdminStatsController(StatsService stats) {
        this.stats = stats;
    }

    /**
     * Recomputes every statistics table from the source tables in the background (a repair, or after data was
     * loaded around the outbox); summaries keep being answered meanwhile. {@code accepted} is false when a
     * rebuild already runs on this instance.
     */
    @PostMapping("/api/v1/admin/stats/rebuild")
    Mono<ResponseEntity<Map<String, Object>>> rebuild() {
        return Actors.require()
                .filter(actor -> actor.has(Role.ADMIN))
                .switchIfEmpty(Mono.error(() -> new Forbidden("Only administrators may rebuild the statistics.")))
                .map(admin -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Map.<String, Object>of("accepted", stats.requestRebuild())));
    }
}
