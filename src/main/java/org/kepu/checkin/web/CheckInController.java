package org.kepu.checkin.web;

import java.util.UUID;
import org.kepu.checkin.CheckInService;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The participant's check-in: anonymous, identified by the signed {@code kepu_pid} cookie. Anonymous JSON
 * check-ins are served in front of the WebFlux chain ({@link CheckInDoor}); this serves the rest (a signed-in
 * caller, whose session cookie needs the chain's CSRF check, or an unusual content type).
 */
@RestController
class CheckInController {

    private final CheckInService checkIns;
    private final WebProperties web;

    CheckInController(CheckInService checkIns, WebProperties web) {
        this.checkIns = checkIns;
        this.web = web;
    }

    @PostMapping("/api/v1/activities/{id}/check-ins")
    Mono<ResponseEntity<CheckInResponse>> checkIn(
            @PathVariable UUID id,
            @RequestBody CheckInRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            ServerWebExchange exchange) {
        return CheckInCall.checkIn(checkIns, web, id, body, key, exchange.getRequest(), exchange.getResponse());
    }
}
