package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.web.FrontDoorAnswers;
import org.kepu.shared.web.FrontDoorAnswers.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A participant's feedback is served in front of the WebFlux chain (the front door) unless the request carries a
 * session; each request below is sent both ways and the answers must not be told apart.
 */
@IntegrationTest
@Import(TestClock.Config.class)
class FeedbackDoorIT {

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizers;

    @Autowired
    CampaignService campaigns;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JsonMapper json;

    FeedbackFixtures f;

    FrontDoorAnswers door;

    @BeforeEach
    void setUp() {
        clock.set(FeedbackFixtures.BEFORE);
        f = new FeedbackFixtures(client, clock, organizers, campaigns);
        door = new FrontDoorAnswers(client, json, meters, "/api/v1/activities/{id}/feedback");
    }

    @Test
    void aFirstSaveAndAnEditAreAnsweredAtTheDoorAsThroughTheChain() {
        String id = f.publish(FeedbackFixtures.title("门前"));
        String atTheDoor = f.checkIn(id);
        String throughTheChain = f.checkIn(id);
        TestAccounts.Session session = TestAccounts.signIn(client, f.organizer);
        String path = "/api/v1/activities/" + id + "/feedback";

        for (String body : new String[] {
            "{\"rating\":4,\"tags\":[\"INTERESTING\",\"CLEAR\"],\"comment\":\"讲得清楚\"}", "{\"rating\":5}"
        }) {
            double served = door.served();
            Answer anonymous = door.send(path, body, cookie(atTheDoor));
            Answer signedIn = door.send(path, body, cookie(throughTheChain).andThen(signedIn(session)));
            assertThat(door.served()).as("only the anonymous save at the door").isEqualTo(served + 1);
            FrontDoorAnswers.assertSame(body, anonymous, signedIn);
            assertThat(anonymous.body().get("rating")).isEqualTo(signedIn.body().get("rating"));
        }
        Map<?, ?> mine = FeedbackFixtures.json(
                f.give(id, atTheDoor, "{\"rating\":3}").expectStatus().isOk());
        assertThat(mine.get("rating")).as("the door's saves were stored").isEqualTo(3);
    }

    @Test
    void everyRefusalIsTheChainsRefusal() {
        String id = f.publish(FeedbackFixtures.title("门前拒绝"));
        String pid = f.checkIn(id);
        TestAccounts.Session session = TestAccounts.signIn(client, f.organizer);
        String path = "/api/v1/activities/" + id + "/feedback";

        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("half a rating", "{\"rating\":4.5}");
        bodies.put("rating out of range", "{\"rating\":6}");
        bodies.put("unknown tag", "{\"rating\":5,\"tags\":[\"NOT_A_TAG\"]}");
        bodies.put("malformed JSON", "{\"rating\":");
        bodies.put("unknown field", "{\"rating\":5,\"name\":\"张三\"}");
        bodies.put("wrong type", "{\"rating\":5,\"tags\":\"INTERESTING\"}");
        bodies.put("no body", null);
        for (Map.Entry<String, String> c : bodies.entrySet()) {
            door.compare(c.getKey(), path, c.getValue(), cookie(pid), session);
        }
        door.compare("not checked in", path, "{\"rating\":5}", h -> {}, session);
        door.compare(
                "unknown activity",
                "/api/v1/activities/" + UUID.randomUUID() + "/feedback",
                "{\"rating\":5}",
                cookie(pid),
                session);
    }

    private static Consumer<HttpHeaders> cookie(String pid) {
        return h -> h.set(HttpHeaders.COOKIE, "kepu_pid=" + pid);
    }

    private static Consumer<HttpHeaders> signedIn(TestAccounts.Session session) {
        return h -> {
            h.set(HttpHeaders.COOKIE, h.getFirst(HttpHeaders.COOKIE) + "; " + FrontDoorAnswers.sessionCookies(session));
            h.set("X-XSRF-TOKEN", session.xsrfToken());
        };
    }
}
