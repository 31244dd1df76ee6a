package org.kepu.discovery.web;

import org.kepu.discovery.DiscoveryService;
import org.kepu.discovery.SearchParameters;
import org.kepu.discovery.SearchResult;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/activities}: every parameter of API.md, each bad one a 400 naming it. */
@RestController
class SearchController {

    private final DiscoveryService discovery;
    private final SearchParameters parameters;

    SearchController(DiscoveryService discovery, SearchParameters parameters) {
        this.discovery = discovery;
        this.parameters = parameters;
    }

    @GetMapping("/api/v1/activities")
    Mono<SearchResult> search(@RequestParam MultiValueMap<String, String> params) {
        return Mono.fromCallable(() -> parameters.parse(params)).flatMap(discovery::search);
    }
}
