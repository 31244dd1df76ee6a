package org.kepu.checkin.web;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.kepu.checkin.CheckIn;
import org.kepu.checkin.CheckInService;
import org.kepu.shared.web.ClientAddress;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
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

    static final String COOKIE = "kepu_pid";
    private static final Duration COOKIE_AGE = Duration.ofDays(400);

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
                            participant(exchange),
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

    /** The cookie's participant, or a new one (with a new cookie) when it is missing or not ours. */
    private UUID participant(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return checkIns.participant(cookie == null ? null : cookie.getValue()).orElseGet(() -> {
            UUID participant = checkIns.newParticipant();
            exchange.getResponse()
                    .addCookie(ResponseCookie.from(COOKIE, checkIns.participantCookie(participant))
                            .httpOnly(true)
                            .sameSite("Lax")
                            .secure(web.sessionCookieSecure())
                            .path("/")
                            .maxAge(COOKIE_AGE)
                            .build());
            return participant;
        });
    }
}
