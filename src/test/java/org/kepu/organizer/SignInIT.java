package org.kepu.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class SignInIT {

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    DatabaseClient db;

    TestAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(organizer);
    }

    @Test
    void aSessionSignInOpensMeAndLogoutClosesIt() {
        String username = accounts.account("340207", Role.ORGANIZER);
        TestAccounts.Session session = TestAccounts.signIn(client, username);

        session.apply(client.get().uri("/api/v1/me"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo(username)
                .jsonPath("$.roles[0]")
                .isEqualTo("ORGANIZER")
                .jsonPath("$.orgUnit.region.code")
                .isEqualTo("340207")
                .jsonPath("$.orgUnit.region.name")
                .isEqualTo("鸠江区");

        session.apply(client.post().uri("/api/v1/auth/logout"))
                .exchange()
                .expectStatus()
                .isNoContent();
        session.apply(client.get().uri("/api/v1/me")).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSite() {
        String username = accounts.account("34", Role.REVIEWER);
        var cookie = client.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(credentials(username, TestAccounts.PASSWORD))
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .returnResult()
                .getResponseCookies()
                .getFirst("KEPU_SESSION");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
    }

    @Test
    void aCookieSessionWriteWithoutTheCsrfHeaderIsRefused() {
        String username = accounts.account("34", Role.REVIEWER);
        TestAccounts.Session session = TestAccounts.signIn(client, username);
        client.post()
                .uri("/api/v1/auth/logout")
                .cookie("KEPU_SESSION", session.sessionCookie())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("csrf-token-invalid");
        client.post()
                .uri("/api/v1/auth/logout")
                .cookie("KEPU_SESSION", session.sessionCookie())
                .cookie("XSRF-TOKEN", session.xsrfToken())
                .header("X-XSRF-TOKEN", "forged-" + session.xsrfToken())
                .exchange()
                .expectStatus()
                .isForbidden();
        // still signed in: the refused requests changed nothing
        session.apply(client.get().uri("/api/v1/me")).exchange().expectStatus().isOk();
    }

    @Test
    void aBearerTokenNeedsNoCsrfAndOpensAdminRoutesForAnAdmin() {
        String admin = accounts.account((String) null, Role.ADMIN);
        String token = TestAccounts.token(client, admin);
        OrgUnit unit = accounts.unit("6405");
        client.post()
                .uri("/api/v1/admin/users")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"zw-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"password\":\"a long enough password\",\"role\":\"REVIEWER\",\"orgUnitId\":\""
                        + unit.id() + "\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists("Location")
                .expectBody()
                .jsonPath("$.roles[0]")
                .isEqualTo("REVIEWER");
    }

    @Test
    void disablingAnAccountStopsItsSessionsAndTokensAtOnce() {
        AccountSummary account = accounts.accountIn(accounts.unit("640502"), Role.ORGANIZER);
        TestAccounts.Session session = TestAccounts.signIn(client, account.username());
        String token = TestAccounts.token(client, account.username());
        session.apply(client.get().uri("/api/v1/me")).exchange().expectStatus().isOk();

        String adminToken = TestAccounts.token(client, accounts.account((String) null, Role.ADMIN));
        client.post()
                .uri("/api/v1/admin/users/" + account.id() + "/disable")
                .header("Authorization", "Bearer " + adminToken)
                .exchange()
                .expectStatus()
                .isNoContent();

        session.apply(client.get().uri("/api/v1/me")).exchange().expectStatus().isUnauthorized();
        client.get()
                .uri("/api/v1/me")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        signInFails(account.username(), TestAccounts.PASSWORD, "10.0.0.9", 401, "invalid-credentials");
        // and the action is audited
        client.get()
                .uri("/api/v1/admin/audit?targetId=" + account.id())
                .header("Authorization", "Bearer " + adminToken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].action")
                .isEqualTo("account.disabled");
    }

    @Test
    void forgedOrTamperedTokensOpenNothing() {
        String token = TestAccounts.token(client, accounts.account("34", Role.REVIEWER));
        int at = token.length() - 10; // inside the MAC, where every bit counts
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        String respelled = token.substring(0, token.length() - 1) + (char) (token.charAt(token.length() - 1) ^ 1);
        for (String bad : new String[] {tampered, respelled, "kpt1.abc.def", "Bearer", "x".repeat(500), token + "x"}) {
            client.get()
                    .uri("/api/v1/me")
                    .header("Authorization", "Bearer " + bad)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottledWithoutRevealingWhetherItExists() {
        String username = accounts.account("34", Role.REVIEWER);
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            signInFails(username, "wrong password " + i, "10.1.0." + i, 401, "invalid-credentials");
            signInFails(ghost, "wrong password " + i, "10.2.0." + i, 401, "invalid-credentials");
        }
        // the account is now throttled even with the right password, from any address
        client.post()
                .uri("/api/v1/auth/login")
                .header("X-Forwarded-For", "10.3.0.1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(credentials(username, TestAccounts.PASSWORD))
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate-limited");
        // and an unknown username is throttled the same way
        signInFails(ghost, "anything at all", "10.3.0.2", 429, "rate-limited");
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottled() {
        String address = "10.9." + (int) (Math.random() * 200) + ".7";
        for (int i = 0; i < 30; i++) {
            signInFails(
                    "nobody-" + i + "-" + UUID.randomUUID().toString().substring(0, 6),
                    "wrong password",
                    address,
                    401,
                    "invalid-credentials");
        }
        String username = accounts.account("34", Role.REVIEWER);
        signInFails(username, TestAccounts.PASSWORD, address, 429, "rate-limited");
    }

    @Test
    void theDevAccountsDoNotExistOutsideTheDevProfile() {
        Long admins = db.sql("SELECT count(*) AS n FROM organizer.account WHERE username = 'admin'")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        assertThat(admins).isZero();
        signInFails("admin", "kepu-dev-admin", "10.4.0.1", 401, "invalid-credentials");
    }

    @Test
    void badSignInBodiesAreProblems() {
        client.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"\",\"password\":\"x\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed");
        client.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"a\",\"password\":\"b\",\"remember\":true}")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    private void signInFails(String username, String password, String address, int status, String code) {
        client.post()
                .uri("/api/v1/auth/login")
                .header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(credentials(username, password))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    private static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }
}
