package org.kepu.organizer;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Creates org units and accounts through the real service and signs them in through the real API, for
 * integration tests of any module. Names are unique per call so tests never collide.
 */
public final class TestAccounts {

    public static final String PASSWORD = "correct horse battery";

    /** The built-in administrator the tests act as when creating fixtures. */
    public static final Actor SYSTEM_ADMIN = new Actor(
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "test-system",
            Set.of(Role.ADMIN),
            UUID.fromString("00000000-0000-0000-0000-000000000002"),
            "test",
            Optional.empty());

    private final OrganizerService organizer;

    public TestAccounts(OrganizerService organizer) {
        this.organizer = organizer;
    }

    /** A new org unit in the region (null: national). */
    public OrgUnit unit(String regionCode) {
        String name = "测试单位-" + UUID.randomUUID().toString().substring(0, 8);
        return organizer
                .createOrgUnit(
                        SYSTEM_ADMIN,
                        new CreateOrgUnit(
                                name, OrgUnitKind.ASSOCIATION, Optional.ofNullable(regionCode), Optional.empty()))
                .block(Duration.ofSeconds(10));
    }

    /** A new account with these roles in a new unit of the region; returns its username. */
    public String account(String regionCode, Role... roles) {
        OrgUnit unit = unit(regionCode);
        return accountIn(unit, roles).username();
    }

    public AccountSummary accountIn(OrgUnit unit, Role... roles) {
        String username = "t-" + UUID.randomUUID().toString().substring(0, 12);
        return organizer
                .createAccount(SYSTEM_ADMIN, new CreateAccount(username, PASSWORD, Set.of(roles), unit.id()))
                .block(Duration.ofSeconds(10));
    }

    /** A browser session: the session cookie and the CSRF cookie the server handed out. */
    public record Session(String sessionCookie, String xsrfToken) {

        public WebTestClient.RequestHeadersSpec<?> apply(WebTestClient.RequestHeadersSpec<?> spec) {
            return spec.cookie("KEPU_SESSION", sessionCookie)
                    .cookie("XSRF-TOKEN", xsrfToken)
                    .header("X-XSRF-TOKEN", xsrfToken);
        }
    }

    public static Session signIn(WebTestClient client, String username) {
        var result = client.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}")
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .returnResult();
        ResponseCookie session = result.getResponseCookies().getFirst("KEPU_SESSION");
        ResponseCookie xsrf = result.getResponseCookies().getFirst("XSRF-TOKEN");
        if (session == null || xsrf == null) {
            throw new AssertionError("sign-in set no session or XSRF cookie: " + result.getResponseCookies());
        }
        return new Session(session.getValue(), xsrf.getValue());
    }

    /** A bearer token for the account. */
    public static String token(WebTestClient client, String username) {
        return client.post()
                .uri("/api/v1/auth/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(AccessToken.class)
                .returnResult()
                .getResponseBody()
                .accessToken();
    }
}
