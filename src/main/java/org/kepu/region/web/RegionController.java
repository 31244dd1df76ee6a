package org.kepu.region.web;

import java.util.Optional;
import org.kepu.region.RegionService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/regions")
class RegionController {

    private final RegionService regions;

    RegionController(RegionService regions) {
        this.regions = regions;
    }

    /** The provinces, or the children of {@code parent}. */
    @GetMapping
    Flux<RegionResponse> children(@RequestParam Optional<String> parent) {
        return regions.children(parent).map(RegionResponse::of);
    }

    @GetMapping("/{code}")
    Mono<RegionResponse> one(@PathVariable String code) {
        return regions.details(code).map(RegionResponse::of);
    }
}
