package org.kepu.campaign.web;

import java.util.Optional;
import java.util.function.BiFunction;
import org.kepu.campaign.CampaignEdition;
import org.kepu.region.RegionNotFound;
import org.kepu.region.RegionService;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Puts the region's name next to its code in responses. */
@Component
class EditionRegions {

    private final RegionService regions;

    EditionRegions(RegionService regions) {
        this.regions = regions;
    }

    <T> Mono<T> respond(CampaignEdition edition, BiFunction<CampaignEdition, RegionRef, T> shape) {
        return ref(edition).map(ref -> shape.apply(edition, ref.orElse(null)));
    }

    private Mono<Optional<RegionRef>> ref(CampaignEdition edition) {
        if (edition.regionCode().isEmpty()) {
            return Mono.just(Optional.empty());
        }
        String code = edition.regionCode().get();
        return regions.require(code)
                .map(region -> Optional.of(new RegionRef(region.code(), region.name())))
                // region data is never deleted, but an edition must stay readable if a code ever goes
                .onErrorResume(RegionNotFound.class, e -> Mono.just(Optional.of(new RegionRef(code, null))));
    }
}
