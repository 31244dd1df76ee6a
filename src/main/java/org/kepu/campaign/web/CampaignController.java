package org.kepu.campaign.web;

import java.util.Optional;
import java.util.UUID;
import org.kepu.campaign.CampaignFilter;
import org.kepu.campaign.CampaignKind;
import org.kepu.campaign.CampaignService;
import org.kepu.region.RegionNotFound;
import org.kepu.shared.error.InvalidParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Public read access to campaign editions. */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {

    private static final int MIN_YEAR = 2000;
    private static final int MAX_YEAR = 2100;

    private final CampaignService campaigns;
    private final EditionRegions regions;

    CampaignController(CampaignService campaigns, EditionRegions regions) {
        this.campaigns = campaigns;
        this.regions = regions;
    }

    /** Editions by campaign, year and place ({@code region}: that region, its ancestors and the nation). */
    @GetMapping
    Flux<CampaignResponse> list(
            @RequestParam Optional<CampaignKind> kind,
            @RequestParam Optional<Integer> year,
            @RequestParam Optional<String> region) {
        if (year.isPresent() && (year.get() < MIN_YEAR || year.get() > MAX_YEAR)) {
            return Flux.error(() -> new InvalidParameter("year", "The year is " + MIN_YEAR + " to " + MAX_YEAR + "."));
        }
        return campaigns
                .list(new CampaignFilter(kind, year, region))
                // an unknown place is a bad filter value here, not a missing resource
                .onErrorMap(RegionNotFound.class, e -> new InvalidParameter("region", e.getMessage()))
                .concatMap(edition -> regions.respond(edition, CampaignResponse::of));
    }

    @GetMapping("/{id}")
    Mono<CampaignResponse> one(@PathVariable UUID id) {
        return campaigns.require(id).flatMap(edition -> regions.respond(edition, CampaignResponse::of));
    }
}
