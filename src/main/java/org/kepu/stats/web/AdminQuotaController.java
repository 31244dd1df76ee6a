package org.kepu.stats.web;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.kepu.region.RegionLevel;
import org.kepu.shared.security.Actors;
import org.kepu.stats.StatsService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Quotas of an edition: minimum key activities per region of a level (the defaults come from config). */
@RestController
@RequestMapping("/api/v1/admin/campaigns/{id}/quotas")
class AdminQuotaController {

    private final StatsService stats;

    AdminQuotaController(StatsService stats) {
        this.stats = stats;
    }

    /** {@code {"quotas": {"CITY": 80, "COUNTY": 10}}}: the levels named are set, the others kept. */
    record SetQuotasRequest(Map<String, Integer> quotas) {}

    record QuotasResponse(UUID campaignId, Map<String, Integer> quotas) {

        static QuotasResponse of(UUID id, Map<RegionLevel, Integer> quotas) {
            Map<String, Integer> byName = new TreeMap<>();
            quotas.forEach((level, minimum) -> byName.put(level.name(), minimum));
            return new QuotasResponse(id, byName);
        }
    }

    @GetMapping
    Mono<QuotasResponse> get(@PathVariable UUID id) {
        return stats.quotas(id).map(q -> QuotasResponse.of(id, q));
    }

    @PutMapping
    Mono<QuotasResponse> put(@PathVariable UUID id, @RequestBody SetQuotasRequest request) {
        return Actors.require()
                .flatMap(admin -> stats.setQuotas(admin, id, request.quotas()))
                .map(q -> QuotasResponse.of(id, q));
    }
}
