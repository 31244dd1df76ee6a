package org.kepu.campaign.web;

import java.net.URI;
import java.util.UUID;
import org.kepu.campaign.CampaignService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Setting up and editing campaign editions; role ADMIN (enforced by the path rule for /api/v1/admin/**). */
@RestController
@RequestMapping("/api/v1/admin/campaigns")
class AdminCampaignController {

    private static final String PATH = "/api/v1/admin/campaigns/";

    private final CampaignService campaigns;
    private final EditionRegions regions;

    AdminCampaignController(CampaignService campaigns, EditionRegions regions) {
        this.campaigns = campaigns;
        this.regions = regions;
    }

    @PostMapping
    Mono<ResponseEntity<AdminCampaignResponse>> create(@RequestBody CreateCampaignRequest request) {
        return campaigns
                .create(request.toCommand())
                .flatMap(edition -> regions.respond(edition, AdminCampaignResponse::of))
                .map(body ->
                        ResponseEntity.created(URI.create(PATH + body.id())).body(body));
    }

    /** One edition with its current {@code version}, to edit it. */
    @GetMapping("/{id}")
    Mono<AdminCampaignResponse> one(@PathVariable UUID id) {
        return campaigns.require(id).flatMap(edition -> regions.respond(edition, AdminCampaignResponse::of));
    }

    @PutMapping("/{id}")
    Mono<AdminCampaignResponse> edit(@PathVariable UUID id, @RequestBody EditCampaignRequest request) {
        return campaigns
                .edit(request.toCommand(id))
                .flatMap(edition -> regions.respond(edition, AdminCampaignResponse::of));
    }
}
