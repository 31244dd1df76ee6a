package org.kepu.feedback.web;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.kepu.checkin.CheckInService;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * The anonymous participant of the check-in module's signed {@code kepu_pid} cookie (the same cookie, so the
 * participant who checked in is the one who gives feedback). Issued here only for reports, by anyone.
 */
final class ParticipantCookie {

    static final String NAME = "kepu_pid";
    private static final Duration AGE = Duration.ofDays(400);

    private ParticipantCookie() {}

    /** The cookie's participant when it carries our signature. */
    static Optional<UUID> of(ServerWebExchange exchange, CheckInService checkIns) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(NAME);
        return checkIns.participant(cookie == null ? null : cookie.getValue());
    }

    /** The cookie's participant, or a new one with a new cookie (same attributes as check-in's). */
    static UUID ofOrNew(ServerWebExchange exchange, CheckInService checkIns, WebProperties web) {
        return of(exchange, checkIns).orElseGet(() -> {
            UUID participant = checkIns.newParticipant();
            exchange.getResponse()
                    .addCookie(ResponseCookie.from(NAME, checkIns.participantCookie(participant))
                            .httpOnly(true)
                            .sameSite("Lax")
                            .secure(web.sessionCookieSecure())
                            .path("/")
                            .maxAge(AGE)
                            .build());
            return participant;
        });
    }
}
