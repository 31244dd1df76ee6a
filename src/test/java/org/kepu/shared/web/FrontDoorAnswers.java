package org.kepu.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.kepu.organizer.TestAccounts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a write once anonymously (served at the {@link FrontDoor}) and once from a signed-in browser session with
 * its CSRF token (served through the WebFlux chain), checks which way each went, and that a client cannot tell the
 * two answers apart.
 */
public final class FrontDoorAnswers {

    /** What Spring Security writes on every response through the chain, the body's type, and the routes' own. */
    static final List<String> SAME_HEADERS = List.of(
            "Content-Type",
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "X-Frame-Options",
            "X-XSS-Protection",
            "Referrer-Policy",
            "Permissions-Policy",
            "Cache-Control",
            "Pragma",
            "Expires",
            "Location",
            "Idempotent-Replayed");

    public record Answer(int status, HttpHeaders headers, Map<?, ?> body) {}

    private final WebTestClient client;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final String pattern;

    /** @param pattern the route, e.g. {@code /api/v1/activities/{id}/check-ins} */
    public FrontDoorAnswers(WebTestClient client, JsonMapper json, MeterRegistry meters, String pattern) {
        this.client = client;
        this.json = json;
        this.meters = meters;
        this.pattern = pattern;
    }

    /**
     * Sends the request anonymously and from the session (the headers are applied to both; a cookie header set by
     * them is kept, with the session's cookies added for the second) and asserts the answers alike.
     */
    public void compare(
            String what, String path, String body, Consumer<HttpHeaders> headers, TestAccounts.Session session) {
        double door = served();
        Answer anonymous = send(path, body, headers);
        assertThat(served()).as(what + ": served at the door").isEqualTo(door + 1);
        Answer signedIn = send(path, body, headers.andThen(h -> {
            String cookies = h.getFirst(HttpHeaders.COOKIE);
            h.set(HttpHeaders.COOKIE, (cookies == null ? "" : cookies + "; ") + sessionCookies(session));
            h.set("X-XSRF-TOKEN", session.xsrfToken());
        }));
        assertThat(served()).as(what + ": a session goes through the chain").isEqualTo(door + 1);
        assertSame(what, anonymous, signedIn);
    }

    public static void assertSame(String what, Answer door, Answer chain) {
        assertThat(door.status())
                .as(what + ": status (door %s, chain %s)", door.body(), chain.body())
                .isEqualTo(chain.status());
        if (door.status() >= 400) {
            assertThat(door.body().get("code"))
                    .as(what + ": code")
                    .isEqualTo(chain.body().get("code"));
            assertThat(door.body().get("errors"))
                    .as(what + ": errors")
                    .isEqualTo(chain.body().get("errors"));
            assertThat(door.body().get("detail"))
                    .as(what + ": detail")
                    .isEqualTo(chain.body().get("detail"));
            assertThat(door.headers().get(HttpHeaders.RETRY_AFTER))
                    .as(what + ": Retry-After")
                    .isEqualTo(chain.headers().get(HttpHeaders.RETRY_AFTER));
        } else {
            assertThat(door.body().keySet())
                    .as(what + ": fields")
                    .isEqualTo(chain.body().keySet());
        }
        for (String name : SAME_HEADERS) {
            assertThat(door.headers().get(name))
                    .as(what + ": " + name)
                    .isEqualTo(chain.headers().get(name));
        }
        assertThat(door.headers().get("Content-Security-Policy"))
                .as(what + ": has security headers")
                .isNotEmpty();
    }

    public Answer send(String path, String body, Consumer<HttpHeaders> headers) {
        var spec = client.post().uri(path).headers(headers).contentType(MediaType.APPLICATION_JSON);
        var result = (body == null ? spec : spec.bodyValue(body))
                .exchange()
                .expectBody()
                .returnResult();
        byte[] content = result.getResponseBodyContent();
        Map<?, ?> parsed = content == null || content.length == 0 ? Map.of() : json.readValue(content, Map.class);
        return new Answer(result.getStatus().value(), result.getResponseHeaders(), parsed);
    }

    public static String sessionCookies(TestAccounts.Session session) {
        return "KEPU_SESSION=" + session.sessionCookie() + "; XSRF-TOKEN=" + session.xsrfToken();
    }

    /** Requests of this route served at the door so far. */
    public double served() {
        Counter counter = meters.find("kepu.web.front-door").tag("uri", pattern).counter();
        return counter == null ? 0 : counter.count();
    }
}
