package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.discovery.DiscoveryService;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.stats.StatsService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Ratings reach search through the outbox: {@code sort=rating} reorders within seconds of new feedback, and
 * the results carry the rating. Own database and index, so only this test's activities are found.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = "kepu.devstack.database=kepu_feedback_search")
class FeedbackSearchIT {

    private static final String SEARCH = "/api/v1/activities?region=340207&sort=rating&size=10";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizers;

    @Autowired
    CampaignService campaigns;

    FeedbackFixtures f;

    @Autowired
    DiscoveryService discovery;

    @Autowired
    StatsService stats;

    @Test
    void ratingSortFollowsNewFeedbackWithinSeconds() throws InterruptedException {
        f = new FeedbackFixtures(client, clock, organizers, campaigns);
        String a = f.publish(FeedbackFixtures.title("搜索甲"));
        String b = f.publish(FeedbackFixtures.title("搜索乙"));
        String unrated = f.publish(FeedbackFixtures.title("搜索丙"));
        discovery.catchUp().block(Duration.ofSeconds(30));

        f.rate(a, f.checkIn(a), "{\"rating\":2}");
        f.rate(b, f.checkIn(b), "{\"rating\":5}");
        long took = awaitOrder(List.of(b, a, unrated), Map.of(b, 5.0, a, 2.0));
        System.out.printf("rating sort reflected the first feedback after %d ms%n", took);

        for (int i = 0; i < 3; i++) {
            f.rate(a, f.checkIn(a), "{\"rating\":5}");
        }
        f.rate(b, f.checkIn(b), "{\"rating\":1}");
        // a: (2+5+5+5)/4 = 4.25 → 4.3, b: (5+1)/2 = 3.0
        took = awaitOrder(List.of(a, b, unrated), Map.of(a, 4.3, b, 3.0));
        System.out.printf("rating sort reflected later feedback after %d ms%n", took);
        assertThat(took).isLessThan(WITHIN.toMillis());

        // statistics receive the same aggregate: 6 ratings summing to 2+5+5+5+5+1 = 23 in 鸠江区
        stats.catchUp().block(Duration.ofSeconds(30));
        var county = stats.summary(
                        TestAccounts.SYSTEM_ADMIN, Optional.of("340207"), CampaignService.demoEditionId("sd-2026"))
                .block(Duration.ofSeconds(30))
                .region()
                .figures();
        assertThat(county.feedbackCount()).isEqualTo(6);
        assertThat(county.feedbackRatingSum()).isEqualTo(23);
        assertThat(county.averageRating()).isCloseTo(23 / 6.0, org.assertj.core.data.Offset.offset(0.051));
    }

    /** Polls the search until its order and ratings are as expected; returns how long that took. */
    private long awaitOrder(List<String> order, Map<String, Double> averages) throws InterruptedException {
        long start = System.nanoTime();
        List<?> items = List.of();
        while (System.nanoTime() - start < WITHIN.toNanos()) {
            items = (List<?>) FeedbackFixtures.json(
                            f.client.get().uri(SEARCH).exchange().expectStatus().isOk())
                    .get("items");
            List<?> ids =
                    items.stream().map(i -> (Object) ((Map<?, ?>) i).get("id")).toList();
            boolean rated = items.stream().allMatch(i -> {
                Object id = ((Map<?, ?>) i).get("id");
                Object average = ((Map<?, ?>) ((Map<?, ?>) i).get("rating")).get("average");
                return !averages.containsKey(id) || averages.get(id).equals(average);
            });
            if (ids.equals(order) && rated) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "search did not show " + order + " with " + averages + " within " + WITHIN + ": " + items);
    }
}
