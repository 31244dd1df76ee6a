package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Comments are plain text: 200 XSS payloads ({@code src/test/resources/xss-payloads.txt}, one per line, also
 * used by the front end's browser test) are stored and come back as the very same JSON strings, never
 * altered, never interpreted. The app serves no HTML with comments yet; the front end's test covers pages.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = "kepu.feedback.writes-per-participant=1000")
class FeedbackTextSafetyIT {

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizers;

    @Autowired
    CampaignService campaigns;

    @Autowired
    JsonMapper json;

    @Test
    void twoHundredXssPayloadsComeBackByteForByteAsJsonStrings() {
        List<String> payloads = payloads();
        assertThat(payloads).hasSize(200).doesNotHaveDuplicates();
        FeedbackFixtures f = new FeedbackFixtures(client, clock, organizers, campaigns);
        String id = f.publish(FeedbackFixtures.title("XSS"));
        String pid = f.checkIn(id);

        int i = 0;
        for (String payload : payloads) {
            // the file itself must be text the API keeps as is (already NFC, nothing to trim)
            assertThat(Normalizer.isNormalized(payload, Normalizer.Form.NFC))
                    .as(payload)
                    .isTrue();
            assertThat(payload.strip()).as(payload).isEqualTo(payload);

            String body = json.writeValueAsString(Map.of("rating", 1 + i++ % 5, "comment", payload));
            Map<?, ?> saved =
                    FeedbackFixtures.json(f.give(id, pid, body).expectStatus().is2xxSuccessful());
            assertThat(saved.get("comment")).as("saved %s", payload).isEqualTo(payload);

            var listed = client.get()
                    .uri("/api/v1/activities/" + id + "/feedback")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_JSON)
                    .expectHeader()
                    .valueEquals("X-Content-Type-Options", "nosniff")
                    .expectBody()
                    .returnResult();
            String raw = new String(listed.getResponseBodyContent(), StandardCharsets.UTF_8);
            Map<?, ?> page = json.readValue(raw, Map.class);
            Map<?, ?> item = (Map<?, ?>) ((List<?>) page.get("items")).get(0);
            assertThat(item.get("comment")).as("listed %s", payload).isEqualTo(payload);
            // and on the wire it is exactly the JSON string of the payload: the bytes were not rewritten
            assertThat(raw).as("raw %s", payload).contains("\"comment\":" + json.writeValueAsString(payload));
        }
    }

    static List<String> payloads() {
        try (var in = new ClassPathResource("xss-payloads.txt").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
