package org.kepu.feedback.web;

import java.util.UUID;
import org.kepu.checkin.CheckInService;
import org.kepu.feedback.FeedbackService;
import org.kepu.shared.web.FrontDoor;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A participant's feedback, served at the {@link FrontDoor} (after a popular event, most writes are these). */
@Component
class FeedbackDoor implements FrontDoor.Route<FeedbackRequest> {

    private final FeedbackService feedback;
    private final CheckInService checkIns;
    private final WebProperties web;

    FeedbackDoor(FeedbackService feedback, CheckInService checkIns, WebProperties web) {
        this.feedback = feedback;
        this.checkIns = checkIns;
        this.web = web;
    }

    @Override
    public String suffix() {
        return "/feedback";
    }

    @Override
    public Class<FeedbackRequest> body() {
        return FeedbackRequest.class;
    }

    @Override
    public Mono<ResponseEntity<FeedbackResponse.Moderated>> serve(
            UUID activity, FeedbackRequest body, ServerHttpRequest request, ServerHttpResponse response) {
        return FeedbackCall.give(feedback, checkIns, web, activity, body, request);
    }
}
