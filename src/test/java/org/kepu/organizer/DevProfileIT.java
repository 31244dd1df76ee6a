package org.kepu.organizer;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The dev profile (and only it, see SignInIT) creates the admin and the demo accounts. */
@IntegrationTest
@ActiveProfiles({"test", "dev"})
// its own database: the dev accounts must not leak into tests that check they are absent elsewhere
@TestPropertySource(properties = "kepu.devstack.database=kepu_dev_profile")
class DevProfileIT {

    @Autowired
    WebTestClient client;

    @Test
    void theDevAdminSignsInWithTheDevPassword() {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> client.post()
                        .uri("/api/v1/auth/tokens")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"username\":\"admin\",\"password\":\"kepu-dev-admin\"}")
                        .exchange()
                        .expectStatus()
                        .isCreated());
        String token = TestAccountsTokens.of(client, "admin", "kepu-dev-admin");
        client.get()
                .uri("/api/v1/me")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.roles[0]")
                .isEqualTo("ADMIN")
                .jsonPath("$.orgUnit.name")
                .isEqualTo("中国科学技术协会");
    }

    @Test
    void demoReviewersBelongToTheirRegionsAssociation() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String token = TestAccountsTokens.of(client, "wuhu-reviewer", "kepu-dev-admin");
            client.get()
                    .uri("/api/v1/me")
                    .header("Authorization", "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.orgUnit.region.code")
                    .isEqualTo("3402")
                    .jsonPath("$.roles[0]")
                    .isEqualTo("REVIEWER");
        });
    }

    /** Tokens for fixed dev credentials (TestAccounts uses its own password). */
    static final class TestAccountsTokens {
        static String of(WebTestClient client, String username, String password) {
            return client.post()
                    .uri("/api/v1/auth/tokens")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(AccessToken.class)
                    .returnResult()
                    .getResponseBody()
                    .accessToken();
        }
    }
}
