package org.kepu.shared.web;

import java.time.Duration;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * The anonymous participant's {@code kepu_pid} cookie as HTTP carries it: one name and one set of attributes for
 * every module that reads or issues it (check-in, feedback, live). Its value is signed and verified by the
 * check-in module; this class never interprets it.
 */
public final class ParticipantCookie {

    public static final String NAME = "kepu_pid";
    private static final Duration AGE = Duration.ofDays(400);

    private ParticipantCookie() {}

    /** The cookie's raw value, or null when the request has none. */
    public static String value(ServerHttpRequest request) {
        HttpCookie cookie = request.getCookies().getFirst(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    /** Sets the cookie (a signed value) on the response. */
    public static void issue(ServerHttpResponse response, String signedValue, WebProperties web) {
        response.addCookie(ResponseCookie.from(NAME, signedValue)
                .httpOnly(true)
                .sameSite("Lax")
                .secure(web.sessionCookieSecure())
                .path("/")
                .maxAge(AGE)
                .build());
    }
}
