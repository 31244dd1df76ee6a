package org.kepu.feedback.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.kepu.checkin.CheckInService;
import org.kepu.feedback.FeedbackService;
import org.kepu.shared.error.InvalidParameter;
import org.kepu.shared.web.ClientAddress;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The public side of feedback: participants rate, anyone reads the visible feedback and reports abuse. A participant's
 * JSON save without a session is served in front of the WebFlux chain ({@link FeedbackDoor}); both use
 * {@link FeedbackCall}.
 */
@RestController
class FeedbackController {

    private final FeedbackService feedback;
    private final CheckInService checkIns;
    private final WebProperties web;

    FeedbackController(FeedbackService feedback, CheckInService checkIns, WebProperties web) {
        this.feedback = feedback;
        this.checkIns = checkIns;
        this.web = web;
    }

    @GetMapping("/api/v1/feedback/tags")
    Map<String, List<FeedbackResponse.Tag>> tags() {
        return Map.of(
                "items", feedback.tags().stream().map(FeedbackResponse.Tag::of).toList());
    }

    /** 201 the first time (with {@code Location}), 200 when the participant changes their feedback. */
    @PostMapping("/api/v1/activities/{id}/feedback")
    Mono<ResponseEntity<FeedbackResponse.Moderated>> give(
            @PathVariable UUID id, @RequestBody FeedbackRequest body, ServerWebExchange exchange) {
        return FeedbackCall.give(feedback, checkIns, web, id, body, exchange.getRequest());
    }

    /** The participant's own feedback, in whatever state, to show and edit it. */
    @GetMapping("/api/v1/activities/{id}/feedback/mine")
    Mono<ResponseEntity<FeedbackResponse.Moderated>> mine(@PathVariable UUID id, ServerWebExchange exchange) {
        return feedback.mine(id, checkIns.participant(exchange.getRequest()))
                .map(f -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(FeedbackResponse.Moderated.of(f)));
    }

    @GetMapping("/api/v1/activities/{id}/feedback")
    Mono<FeedbackResponse.Page> list(
            @PathVariable UUID id,
            @RequestParam Optional<String> cursor,
            @RequestParam(defaultValue = "20") String size) {
        return Mono.fromCallable(() -> size(size))
                .flatMap(n -> feedback.visible(id, cursor, n))
                .map(FeedbackResponse.Page::of);
    }

    @PostMapping("/api/v1/feedback/{feedbackId}/reports")
    Mono<ResponseEntity<Void>> report(@PathVariable UUID feedbackId, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> checkIns.participantOrNew(exchange.getRequest(), exchange.getResponse()))
                .flatMap(participant ->
                        feedback.report(feedbackId, participant, ClientAddress.of(exchange, web.trustedProxies())))
                .thenReturn(ResponseEntity.accepted().build());
    }

    static int size(String size) {
        try {
            int n = Integer.parseInt(size);
            if (n >= 1 && n <= 50) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameter("size", "size is from 1 to 50.");
    }
}
