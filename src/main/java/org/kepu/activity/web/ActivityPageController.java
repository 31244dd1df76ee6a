package org.kepu.activity.web;

import java.util.Optional;
import java.util.UUID;
import org.kepu.activity.ActivityNotFound;
import org.kepu.activity.ActivityService;
import org.kepu.activity.ActivitySummaries;
import org.kepu.shared.web.SpaShell;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /activities/{id}}: the front end's page with the activity's head rendered on the server. Only
 * published activities have a page; anything else (unknown, draft, malformed id) is a 404 page that
 * search engines do not index.
 */
@Controller
class ActivityPageController {

    private final ActivityService activities;
    private final ActivitySummaries views;
    private final SpaShell shell;
    private final JsonMapper json;

    ActivityPageController(ActivityService activities, ActivitySummaries views, SpaShell shell, JsonMapper json) {
        this.activities = activities;
        this.views = views;
        this.shell = shell;
        this.json = json;
    }

    @GetMapping(value = "/activities/{id}", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> page(@PathVariable String id, ServerWebExchange exchange) {
        Optional<UUID> uuid = parse(id);
        if (uuid.isEmpty()) {
            return Mono.just(notFound());
        }
        String url = exchange.getRequest()
                .getURI()
                .resolve("/activities/" + uuid.get())
                .toString();
        return activities
                .published(uuid.get())
                .flatMap(views::detail)
                .map(a -> SpaShell.html(
                        HttpStatus.OK,
                        shell.page(
                                ActivityPageHead.title(a),
                                ActivityPageHead.description(a),
                                ActivityPageHead.elements(a, url, json))))
                .onErrorResume(ActivityNotFound.class, e -> Mono.just(notFound()))
                .switchIfEmpty(Mono.fromSupplier(this::notFound));
    }

    private ResponseEntity<String> notFound() {
        return SpaShell.html(
                HttpStatus.NOT_FOUND,
                shell.page(
                        "没有找到这个活动 · " + ActivityPageHead.SITE,
                        "没有找到这个活动。",
                        "<meta name=\"robots\" content=\"noindex\" />\n"));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return id.length() == 36 ? Optional.of(UUID.fromString(id)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
