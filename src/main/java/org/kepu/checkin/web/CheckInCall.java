package org.kepu.checkin.web;

import java.util.Optional;
import java.util.UUID;
import org.kepu.checkin.CheckIn;
import org.kepu.checkin.CheckInService;
import org.kepu.shared.web.ClientAddress;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * One participant check-in over HTTP, from the decoded body to the answer: what {@link CheckInController} (through
 * the WebFlux chain) and {@link CheckInDoor} (in front of it) both do, so the two answer alike.
 */
final class CheckInCall {

    private CheckInCall() {}

    /**
     * Validates the body, then checks the request's participant (or a new one, cookie set) in: 201 for the
     * check-in that created the row, 200 for every later one, marked when an {@code Idempotency-Key} replay
     * returns the stored answer.
     */
    static Mono<ResponseEntity<CheckInResponse>> checkIn(
            CheckInService checkIns,
            WebProperties web,
            UUID activity,
            CheckInRequest body,
            String idempotencyKey,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        return Mono.fromCallable(() -> {
                    body.validate();
                    return new CheckIn(
                            activity,
                            checkIns.participantOrNew(request, response),
                            body.token(),
                            body.lat(),
                            body.lon(),
                            Optional.ofNullable(idempotencyKey),
                            ClientAddress.of(request, web.trustedProxies()));
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
