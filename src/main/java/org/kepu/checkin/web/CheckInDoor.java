package org.kepu.checkin.web;

import java.util.UUID;
import org.kepu.checkin.CheckInService;
import org.kepu.shared.web.FrontDoor;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The anonymous check-in, served at the {@link FrontDoor} (a venue's opening minute is mostly these). */
@Component
class CheckInDoor implements FrontDoor.Route<CheckInRequest> {

    private final CheckInService checkIns;
    private final WebProperties web;

    CheckInDoor(CheckInService checkIns, WebProperties web) {
        this.checkIns = checkIns;
        this.web = web;
    }

    @Override
    public String suffix() {
        return "/check-ins";
    }

    @Override
    public Class<CheckInRequest> body() {
        return CheckInRequest.class;
    }

    @Override
    public Mono<ResponseEntity<CheckInResponse>> serve(
            UUID activity, CheckInRequest body, ServerHttpRequest request, ServerHttpResponse response) {
        String key = request.getHeaders().getFirst("Idempotency-Key");
        return CheckInCall.checkIn(checkIns, web, activity, body, key, request, response);
    }
}
