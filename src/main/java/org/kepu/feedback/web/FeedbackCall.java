package org.kepu.feedback.web;

import java.net.URI;
import java.util.UUID;
import org.kepu.checkin.CheckInService;
import org.kepu.feedback.FeedbackService;
import org.kepu.feedback.GiveFeedback;
import org.kepu.shared.web.ClientAddress;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * A participant's feedback over HTTP, from the decoded body to the answer: what {@link FeedbackController} (through
 * the WebFlux chain) and {@link FeedbackDoor} (in front of it) both do, so the two answer alike.
 */
final class FeedbackCall {

    private FeedbackCall() {}

    /** Saves the request's participant's feedback: 201 with its location the first time, 200 for an edit. */
    static Mono<ResponseEntity<FeedbackResponse.Moderated>> give(
            FeedbackService feedback,
            CheckInService checkIns,
            WebProperties web,
            UUID activity,
            FeedbackRequest body,
            ServerHttpRequest request) {
        return Mono.fromCallable(() -> new GiveFeedback(
                        activity,
                        checkIns.participant(request),
                        body.wholeRating(),
                        body.tags(),
                        body.comment(),
                        ClientAddress.of(request, web.trustedProxies())))
                .flatMap(feedback::give)
                .map(saved -> {
                    FeedbackResponse.Moderated view = FeedbackResponse.Moderated.of(saved.feedback());
                    return saved.created()
                            ? ResponseEntity.status(HttpStatus.CREATED)
                                    .location(URI.create("/api/v1/activities/" + activity + "/feedback/mine"))
                                    .body(view)
                            : ResponseEntity.ok(view);
                });
    }
}
