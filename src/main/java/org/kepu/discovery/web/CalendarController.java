package org.kepu.discovery.web;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityService;
import org.kepu.discovery.Calendars;
import org.kepu.discovery.DiscoveryService;
import org.kepu.discovery.SearchParameters;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Calendars (one activity, or a subscribable search) and the sitemap of public activity pages. */
@RestController
class CalendarController {

    static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final ActivityService activities;
    private final DiscoveryService discovery;
    private final SearchParameters search;
    private final Clock clock;

    CalendarController(ActivityService activities, DiscoveryService discovery, SearchParameters search, Clock clock) {
        this.activities = activities;
        this.discovery = discovery;
        this.search = search;
        this.clock = clock;
    }

    @GetMapping("/api/v1/activities/{id}.ics")
    Mono<ResponseEntity<String>> one(@PathVariable UUID id, ServerWebExchange exchange) {
        return activities.published(id).map(a -> calendar(List.of(a), exchange));
    }

    /** A feed of the activities a search finds (its first 200), for calendar subscriptions. */
    @GetMapping("/api/v1/feeds/activities.ics")
    Mono<ResponseEntity<String>> feed(@RequestParam MultiValueMap<String, String> params, ServerWebExchange exchange) {
        var copy = new org.springframework.util.LinkedMultiValueMap<>(params);
        copy.put("size", List.of("100"));
        copy.remove("cursor");
        return Mono.fromCallable(() -> search.parse(copy))
                .flatMap(discovery::search)
                .map(result -> result.items().stream()
                        .map(item -> UUID.fromString((String) item.get("id")))
                        .toList())
                .flatMap(ids -> activities.byIds(ids).filter(Activity::isPublic).collectList())
                .map(found -> calendar(found, exchange));
    }

    @GetMapping(value = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
    Mono<String> sitemap(ServerWebExchange exchange) {
        String base = base(exchange);
        return activities
                .publicIds(new java.util.UUID(0, 0), 50_000) // the sitemap protocol's limit per file; ids only
                .map(id -> "<url><loc>" + base + "/activities/" + id + "</loc></url>")
                .collect(StringBuilder::new, StringBuilder::append)
                .map(urls -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" + urls + "</urlset>");
    }

    private ResponseEntity<String> calendar(List<Activity> found, ServerWebExchange exchange) {
        return ResponseEntity.ok()
                .contentType(CALENDAR)
                .body(Calendars.calendar(found, clock.instant(), base(exchange)));
    }

    private static String base(ServerWebExchange exchange) {
        var uri = exchange.getRequest().getURI();
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
