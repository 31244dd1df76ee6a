package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The admin API edits the list every instance checks; shipped words are listed but not editable. */
@IntegrationTest
class SensitiveWordsIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    SensitiveWords words;

    String admin;
    String reviewer;

    @BeforeEach
    void accounts() {
        TestAccounts accounts = new TestAccounts(organizer);
        admin = TestAccounts.token(client, accounts.account("11", Role.ADMIN));
        reviewer = TestAccounts.token(client, accounts.account("11", Role.REVIEWER));
    }

    private static final String WORD = "/api/v1/admin/sensitive-words/{word}";

    @Test
    void anAdminAddsAWordThatTakesEffectAtOnceAndRemovesIt() {
        assertThat(words.check("欢迎参加星空露营")).isEqualTo(Verdict.ALLOW);

        client.put()
                .uri(WORD, "星空露营")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "BLOCK"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .value(body -> assertThat(body).containsEntry("word", "星空露营").containsEntry("action", "BLOCK"));
        assertThat(words.check("欢迎参加 星空-露营")).isEqualTo(Verdict.BLOCK);

        Map<String, Object> listed = client.get()
                .uri("/api/v1/admin/sensitive-words")
                .headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) listed.get("items");
        assertThat(items)
                .contains(Map.of("word", "星空露营", "action", "BLOCK", "source", "admin"))
                .contains(Map.of("word", "博彩", "action", "BLOCK", "source", "shipped"));

        client.delete()
                .uri(WORD, "星空露营")
                .headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(words.check("欢迎参加星空露营")).isEqualTo(Verdict.ALLOW);

        client.delete()
                .uri(WORD, "星空露营")
                .headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(JSON)
                .value(body -> assertThat(body).containsEntry("code", "sensitive-word-not-found"));
    }

    @Test
    void onlyAdminsEditAndBadActionsAreRefused() {
        client.put()
                .uri(WORD, "某词")
                .headers(h -> h.setBearerAuth(reviewer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "HOLD"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody(JSON)
                .value(body -> assertThat(body).containsEntry("code", "forbidden"));

        for (String action : new String[] {"ALLOW", "DELETE", ""}) {
            client.put()
                    .uri(WORD, "某词")
                    .headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("action", action))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(JSON)
                    .value(body -> assertThat(body).containsEntry("code", "validation-failed"));
        }
        client.put()
                .uri(WORD, "!!!")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "HOLD"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(words.check("某词")).isEqualTo(Verdict.ALLOW);
    }
}
