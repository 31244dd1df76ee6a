package org.kepu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrgUnit;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Who may read and act on an activity of 芜湖市 (3402): every role against a region that is its own, an
 * ancestor, a descendant, a sibling or unrelated, for reads and writes. Prints the matrix and fails on
 * any cell that differs from the rule.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    /** An actor of the matrix: its role and the relation of its region to the activity's (3402). */
    record Actor(String label, Role role, String region, boolean sameUnit, boolean mayRead, boolean mayWrite) {}

    static final List<Actor> ACTORS = List.of(
            new Actor("organizer, own unit", Role.ORGANIZER, "3402", true, true, true),
            new Actor("organizer, other unit same region", Role.ORGANIZER, "3402", false, false, false),
            new Actor("organizer, ancestor region", Role.ORGANIZER, "34", false, false, false),
            new Actor("reviewer, own region", Role.REVIEWER, "3402", false, true, true),
            new Actor("reviewer, ancestor (province)", Role.REVIEWER, "34", false, true, true),
            new Actor("reviewer, national", Role.REVIEWER, null, false, true, true),
            new Actor("reviewer, descendant (county)", Role.REVIEWER, "340207", false, false, false),
            new Actor("reviewer, sibling (合肥)", Role.REVIEWER, "3401", false, false, false),
            new Actor("reviewer, unrelated (中卫)", Role.REVIEWER, "6405", false, false, false),
            new Actor("admin without reviewer role", Role.ADMIN, null, false, false, false));

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    TestAccounts accounts;
    OrgUnit owner;
    String ownerToken;

    @BeforeAll
    void setUp() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        accounts = new TestAccounts(organizer);
        owner = accounts.unit("3402");
        ownerToken = TestAccounts.token(
                client, accounts.accountIn(owner, Role.ORGANIZER).username());
    }

    @Test
    void everyCellOfTheMatrixFollowsTheRule() {
        List<String> violations = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%n%-36s %-6s %-6s%n", "actor", "read", "write"));
        for (Actor actor : ACTORS) {
            String id = submittedActivity();
            String token = TestAccounts.token(
                    client,
                    actor.sameUnit()
                            ? accounts.accountIn(owner, actor.role()).username()
                            : accounts.account(actor.region(), actor.role()));
            String area =
                    actor.role() == Role.ORGANIZER ? "/api/v1/organizer/activities/" : "/api/v1/review/activities/";
            int read = status(token, HttpMethod.GET, area + id, null);
            // the queue (before any write) shows it exactly to reviewers allowed to read it
            if (actor.role() == Role.REVIEWER) {
                boolean listed = client.get()
                        .uri("/api/v1/review/activities?size=200")
                        .header("Authorization", "Bearer " + token)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody()
                        .contains(id);
                if (listed != actor.mayRead()) {
                    violations.add(actor.label() + ": queue listing " + listed);
                }
            }
            // the write: an organizer edits, a reviewer approves; a refused write must change nothing
            int write = actor.role() == Role.ORGANIZER
                    ? status(
                            token,
                            HttpMethod.PUT,
                            area + id,
                            ActivityFixtures.body(
                                    "\"regionCode\":\"3402\"",
                                            "\"venue\":{\"name\":\"芜湖科技馆\",\"location\":{\"lat\":31.35,\"lon\":118.4}}",
                                    "\"capacity\":123", "\"version\":1"))
                    : status(token, HttpMethod.POST, area + id + "/approve", null);
            table.append(String.format("%-36s %-6d %-6d%n", actor.label(), read, write));
            check(violations, actor, "read", read, actor.mayRead());
            check(violations, actor, "write", write, actor.mayWrite());
            String status = (String) ownerView(id).get("status");
            Object capacity = ownerView(id).get("capacity");
            if (!actor.mayWrite()
                    && (!status.equals("SUBMITTED") || !Integer.valueOf(300).equals(capacity))) {
                violations.add(
                        actor.label() + ": a refused write changed the activity (" + status + ", " + capacity + ")");
            }
        }
        System.out.println(table);
        assertThat(violations).as("authorization violations").isEmpty();
    }

    @Test
    void anonymousCallersReachNoRoleArea() {
        for (String uri : List.of(
                "/api/v1/organizer/activities",
                "/api/v1/review/activities",
                "/api/v1/admin/audit",
                "/api/v1/me",
                "/api/v1/review/recommendations")) {
            client.get()
                    .uri(uri)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("unauthenticated");
        }
    }

    @Test
    void theWrongRoleIsA403() {
        String reviewer = TestAccounts.token(client, accounts.account("3402", Role.REVIEWER));
        String organizerToken = TestAccounts.token(client, accounts.account("3402", Role.ORGANIZER));
        client.get()
                .uri("/api/v1/organizer/activities")
                .header("Authorization", "Bearer " + reviewer)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        client.get()
                .uri("/api/v1/review/activities")
                .header("Authorization", "Bearer " + organizerToken)
                .exchange()
                .expectStatus()
                .isForbidden();
        client.get()
                .uri("/api/v1/admin/audit")
                .header("Authorization", "Bearer " + reviewer)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private static void check(List<String> violations, Actor actor, String what, int status, boolean allowed) {
        boolean granted = status >= 200 && status < 300;
        boolean refusedProperly = status == 404 || status == 403;
        if (allowed != granted || (!allowed && !refusedProperly)) {
            violations.add(actor.label() + ": " + what + " answered " + status);
        }
    }

    private String submittedActivity() {
        String body = ActivityFixtures.body(
                "\"regionCode\":\"3402\"", "\"venue\":{\"name\":\"芜湖科技馆\",\"location\":{\"lat\":31.35,\"lon\":118.4}}");
        String id = (String) client.post()
                .uri("/api/v1/organizer/activities")
                .header("Authorization", "Bearer " + ownerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        client.post()
                .uri("/api/v1/organizer/activities/" + id + "/submit")
                .header("Authorization", "Bearer " + ownerToken)
                .exchange()
                .expectStatus()
                .isOk();
        return id;
    }

    private Map<?, ?> ownerView(String id) {
        return client.get()
                .uri("/api/v1/organizer/activities/" + id)
                .header("Authorization", "Bearer " + ownerToken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private int status(String token, HttpMethod method, String uri, String body) {
        var spec = client.method(method).uri(uri).header("Authorization", "Bearer " + token);
        var response = body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        return response.returnResult(String.class).getStatus().value();
    }
}
