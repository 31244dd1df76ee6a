package org.kepu.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Malformed input to every role area is a 4xx problem with a code, never a 5xx. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    record Case(String who, HttpMethod method, String uri, String body, int status) {}

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    Map<String, String> tokens;

    @BeforeAll
    void setUp() {
        TestAccounts accounts = new TestAccounts(organizer);
        tokens = Map.of(
                "organizer", TestAccounts.token(client, accounts.account("340207", Role.ORGANIZER)),
                "reviewer", TestAccounts.token(client, accounts.account("3402", Role.REVIEWER)),
                "admin", TestAccounts.token(client, accounts.account((String) null, Role.ADMIN)));
    }

    @Test
    void everyMalformedRequestIsAProblemWithACode() {
        String unknown = UUID.randomUUID().toString();
        List<Case> cases = List.of(
                new Case("reviewer", HttpMethod.GET, "/api/v1/review/evidence-overdue?region=abc", null, 400),
                new Case("reviewer", HttpMethod.GET, "/api/v1/review/evidence-overdue?region=6405", null, 403),
                new Case("reviewer", HttpMethod.GET, "/api/v1/review/recommendations?region=3", null, 400),
                new Case("reviewer", HttpMethod.GET, "/api/v1/review/activities?size=0", null, 400),
                new Case("reviewer", HttpMethod.GET, "/api/v1/review/activities?status=SOMETHING", null, 400),
                new Case("reviewer", HttpMethod.GET, "/api/v1/review/activities?cursor=%%%", null, 400),
                new Case("reviewer", HttpMethod.GET, "/api/v1/review/activities?campaign=not-a-uuid", null, 400),
                new Case("reviewer", HttpMethod.GET, "/api/v1/review/activities/" + unknown, null, 404),
                new Case("reviewer", HttpMethod.POST, "/api/v1/review/activities/" + unknown + "/reject", "{}", 400),
                new Case(
                        "reviewer",
                        HttpMethod.POST,
                        "/api/v1/review/activities/" + unknown + "/recommendation",
                        "{\"scores\":{}}",
                        400),
                new Case("reviewer", HttpMethod.POST, "/api/v1/review/activities/" + unknown + "/approve", null, 404),
                new Case("organizer", HttpMethod.GET, "/api/v1/organizer/activities/not-a-uuid", null, 400),
                new Case("organizer", HttpMethod.GET, "/api/v1/organizer/activities?status=LOST", null, 400),
                new Case(
                        "organizer", HttpMethod.POST, "/api/v1/organizer/activities/" + unknown + "/submit", null, 404),
                new Case(
                        "organizer",
                        HttpMethod.PUT,
                        "/api/v1/organizer/activities/" + unknown,
                        "{\"title\":\"x\"}",
                        400),
                new Case(
                        "organizer",
                        HttpMethod.POST,
                        "/api/v1/organizer/activities/" + unknown + "/postpone",
                        "{\"reason\":\"x\"}",
                        400),
                new Case(
                        "organizer",
                        HttpMethod.POST,
                        "/api/v1/organizer/activities/" + unknown + "/cancel",
                        "[1,2]",
                        400),
                new Case(
                        "organizer",
                        HttpMethod.PUT,
                        "/api/v1/organizer/activities/" + unknown + "/evidence",
                        "{\"photos\":\"one\"}",
                        400),
                new Case(
                        "organizer",
                        HttpMethod.POST,
                        "/api/v1/organizer/activities",
                        "{\"title\":" + "[".repeat(2000),
                        400),
                new Case("admin", HttpMethod.GET, "/api/v1/admin/audit?size=0", null, 400),
                new Case("admin", HttpMethod.GET, "/api/v1/admin/audit?before=yesterday", null, 400),
                new Case(
                        "admin",
                        HttpMethod.POST,
                        "/api/v1/admin/org-units",
                        "{\"name\":\"某单位\",\"kind\":\"CLUB\",\"regionCode\":\"34\"}",
                        400),
                new Case(
                        "admin",
                        HttpMethod.POST,
                        "/api/v1/admin/org-units",
                        "{\"name\":\"某单位\",\"kind\":\"SCHOOL\",\"regionCode\":\"99\"}",
                        404),
                new Case(
                        "admin",
                        HttpMethod.POST,
                        "/api/v1/admin/users",
                        "{\"username\":\"x\",\"password\":\"short\",\"role\":\"ADMIN\"}",
                        400),
                new Case("admin", HttpMethod.POST, "/api/v1/admin/users/" + unknown + "/disable", null, 404),
                new Case("admin", HttpMethod.POST, "/api/v1/admin/users/not-a-uuid/disable", null, 400),
                new Case(null, HttpMethod.GET, "/api/v1/activities/not-a-uuid", null, 400),
                new Case(null, HttpMethod.GET, "/api/v1/activities/" + unknown, null, 404),
                new Case(null, HttpMethod.GET, "/api/v1/campaigns?year=abc", null, 400),
                new Case(null, HttpMethod.GET, "/api/v1/regions?parent=" + "9".repeat(40), null, 400));
        StringBuilder failures = new StringBuilder();
        for (Case c : cases) {
            var spec = client.method(c.method()).uri(c.uri());
            if (c.who() != null) {
                spec = spec.header("Authorization", "Bearer " + tokens.get(c.who()));
            }
            var response = (c.body() == null
                            ? spec
                            : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(c.body()))
                    .exchange()
                    .returnResult(String.class);
            int status = response.getStatus().value();
            MediaType type = response.getResponseHeaders().getContentType();
            String body = response.getResponseBody().blockFirst(java.time.Duration.ofSeconds(10));
            if (status != c.status()
                    || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)
                    || body == null
                    || !body.contains("\"code\"")) {
                failures.append(String.format("%n%s %s -> %d %s %s", c.method(), c.uri(), status, type, body));
            }
        }
        assertThat(failures.toString())
                .as("requests answered otherwise than expected")
                .isEmpty();
    }
}
