package org.kepu.checkin.web;

import java.util.Optional;
import java.util.UUID;
import org.kepu.checkin.CheckIn;
import org.kepu.checkin.CheckInService;
import org.kepu.shared.web.ClientAddress;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The participant's check-in: anonymous, identified by the signed {@code kepu_pid} cookie. */
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
        return Mono.fromCallable(() -> {
                    body.validate();
                    return new CheckIn(
                            id,
                            checkIns.participantOrNew(exchange.getRequest(), exchange.getResponse()),
                            body.token(),
                            body.lat(),
                            body.lon(),
                            Optional.ofNullable(key),
                            ClientAddress.of(exchange, web.trustedProxies()));
                })
                .flatMap(checkIns::checkIn)
                .map(receipt -> {
                    ResponseEntity.BodyBuilder answer =
                            ResponseEntity.status(receipt.firstTime() ? HttpStatus.CREATED : HttpStatus.OK);
                    if (receipt.replayed()) {
                        answer.header("Idempotent-Replayed", "true");
                    }
                    return answer.body(CheckInResponse.of(receipt));
                });
    }
}
