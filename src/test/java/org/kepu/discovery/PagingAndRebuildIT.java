package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kepu.activity.DemoActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Over 1,200 generated activities: cursor paging sees each once; a rebuild swaps the index under live searches. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "kepu.devstack.database=kepu_paging")
class PagingAndRebuildIT {

    static final int GENERATED = 1_200;

    @Autowired
    WebTestClient client;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DemoActivities demo;

    @Autowired
    DiscoveryService discovery;

    @BeforeAll
    void setUp() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        demo.generate(GENERATED, 11).block(Duration.ofSeconds(120));
        discovery.catchUp().block(Duration.ofSeconds(120));
    }

    @Test
    void pagingThroughEverythingSeesEachActivityExactlyOnce() {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        String cursor = null;
        long total = -1;
        int pages = 0;
        do {
            Map<String, Object> page = page("size=100&status=UPCOMING&status=ENDED&status=LIVE&status=POSTPONED"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            total = ((Number) page.get("total")).longValue();
            for (Object item : (List<?>) page.get("items")) {
                String id = (String) ((Map<?, ?>) item).get("id");
                if (!seen.add(id)) {
                    duplicates.add(id);
                }
            }
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(total).isGreaterThanOrEqualTo(GENERATED);
        assertThat(duplicates).isEmpty();
        assertThat(seen).hasSize((int) total);
    }

    @Test
    void searchesKeepWorkingWhileTheIndexIsRebuiltAndSwapped() {
        long before = ((Number) page("size=1").get("total")).longValue();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        // searches from another thread, the whole time the rebuild runs
        var searches = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) {
                int status = client.get()
                        .uri("/api/v1/activities?size=5&q=科普")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value();
                (status == 200 ? answered : failures).incrementAndGet();
            }
        });
        discovery.rebuild().block(Duration.ofSeconds(180));
        searches.join();
        assertThat(failures.get()).isZero();
        assertThat(answered.get()).isEqualTo(200);
        assertThat(((Number) page("size=1").get("total")).longValue()).isEqualTo(before);
    }

    @Test
    void identicalSearchesShareOneElasticsearchCallAndRepeatsComeFromTheCache() throws Exception {
        discovery.catchUp().block(Duration.ofSeconds(60));
        String query = "q=科普&size=7&category=HEALTH";
        long before = discovery.searchesSent();
        long firstSecond = java.time.Instant.now().getEpochSecond();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> client.get()
                        .uri("/api/v1/activities?" + query)
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value()));
            }
            for (var call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        long afterBurst = discovery.searchesSent();
        long seconds = java.time.Instant.now().getEpochSecond() - firstSecond + 1;
        // one call per second the burst spanned (the query carries the time to the second), not one per request
        assertThat(afterBurst - before).isBetween(1L, seconds).isLessThan(20L);
        Thread.sleep(1_500); // past the cache lifetime: the next identical search goes to Elasticsearch again
        page(query);
        assertThat(discovery.searchesSent()).isEqualTo(afterBurst + 1);
    }

    private Map<String, Object> page(String query) {
        return client.get()
                .uri("/api/v1/activities?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }
}
