package org.kepu.live.web;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.kepu.checkin.CheckInService;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The viewer's anonymous participant id: the check-in module's signed {@code kepu_pid} cookie, so the online
 * check-in code the stream hands out is bound to the same participant who then checks in.
 */
final class ParticipantCookie {

    static final String NAME = "kepu_pid";
    private static final Duration AGE = Duration.ofDays(400);

    private ParticipantCookie() {}

    /** The cookie's participant, or a new one (with a new cookie) when it is missing or not ours. */
    static UUID of(ServerWebExchange exchange, CheckInService checkIns, WebProperties web) {
        return read(exchange.getRequest(), checkIns).orElseGet(() -> {
            UUID participant = checkIns.newParticipant();
            issue(exchange.getResponse(), participant, checkIns, web);
            return participant;
        });
    }

    /** The participant of a signed cookie; empty when it is missing, unsigned or tampered with. */
    static Optional<UUID> read(ServerHttpRequest request, CheckInService checkIns) {
        HttpCookie cookie = request.getCookies().getFirst(NAME);
        return checkIns.participant(cookie == null ? null : cookie.getValue());
    }

    /** Sets the cookie of a new participant on the response. */
    static void issue(ServerHttpResponse response, UUID participant, CheckInService checkIns, WebProperties web) {
        response.addCookie(ResponseCookie.from(NAME, checkIns.participantCookie(participant))
                .httpOnly(true)
                .sameSite("Lax")
                .secure(web.sessionCookieSecure())
                .path("/")
                .maxAge(AGE)
                .build());
    }
}
