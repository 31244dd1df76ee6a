package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kepu.activity.DemoActivities;
import org.kepu.activity.SeedFixture;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The judged relevance set of issue 5: the 15 seed activities among 300 generated ones, in a database and
 * index of its own. Each query names the seed titles judged relevant (by their index in the seed file) and,
 * when one clearly is, the best one; a query without a best counts as best-first when any relevant seed
 * comes first. Targets: recall@10 ≥ 0.95, best first ≥ 0.90.
 */
@IntegrationTest
@TestPropertySource(properties = "kepu.devstack.database=kepu_relevance")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelevanceIT {

    /**
     * A judged query: request parameters, relevant seeds (file positions), the best one or -1 for any
     * relevant seed, and optionally title words that make any activity (seed or generated) an equally good
     * first answer, for queries that generated activities answer as well as the seeds.
     */
    record Judged(String query, Set<Integer> relevant, int best, List<String> bestTitleHas) {}

    static final List<Judged> JUDGED = List.of(
            // simplified words and titles
            j("q=涟源主场", 0, 0),
            j("q=鸠江区主场活动", 10, 10),
            j("q=卫生健康", 8, 8),
            j("q=大手拉小手", 11, 11),
            j("q=农民科学素质", 12, 12),
            j("q=青少年科学节", 5, 5),
            j("q=航模表演", 5, 5),
            j("q=云上科普日", 9, 9),
            j("q=乡村振兴农民", 12, 12),
            j("q=科普联合行动", -1, 1, 6, 7, 8, 12),
            j("q=碳达峰", 6, 6, 5),
            j("q=吉林省科技活动周启动仪式", 2, 2),
            j("q=光科馆", 3, 3),
            j("q=青海科技活动周", 13, 13),
            j("q=成人组", 14, 14),
            // traditional characters
            j("q=吉林省科技活動周", 2, 2),
            j("q=流動的光科館", 3, 3),
            titled(j("q=科普講解大賽", -1, 4, 14), "科普讲解大赛", "科普講解大賽"),
            j("q=鳩江區", 10, 10, 11, 12),
            j("q=吉林省科學技術廳", -1, 2, 3, 4),
            j("q=衛生健康", 8, 8),
            // full pinyin and initials
            j("q=tandafeng", 6, 6),
            j("q=xiangcunzhenxing", 12, 12),
            j("q=dashoulaxiaoshou", 11, 11),
            j("q=lianyuan", 0, 0, 1),
            j("q=jiujiang", 10, 10, 11, 12),
            j("q=shuili", 7, 7),
            j("q=dslxs", 11, 11),
            j("q=wsjk", 8, 8),
            // places, short and full names
            j("q=涟源", 0, 0, 1),
            j("q=鸠江", 10, 10, 11, 12),
            j("q=沙坡头", -1, 5, 6, 7, 8, 9),
            j("q=中卫", 5, 5, 6, 7, 8, 9),
            j("q=娄底", 1, 0, 1),
            j("q=芜湖", -1, 10, 11, 12),
            j("q=长春", -1, 2, 3, 4),
            j("q=净月", 2, 2),
            // organizers
            j("q=娄底市科学技术协会", -1, 0, 1),
            j("q=沙坡头区科学技术协会", 9, 9, 5),
            // substrings
            j("q=科学节", 5, 5),
            j("q=达峰碳", 6, 6),
            titled(j("q=讲解大", -1, 4, 14), "讲解大", "講解大"),
            // Chinese with digits
            j("q=2023年全国科普日", 10, 10),
            j("q=2023年科普日", 10, 10),
            j("q=2018年全国科普日", 0, 0),
            j("q=2021年全国科普日", 5, 5, 9),
            j("q=2023年度科普讲解大赛", 14, 14),
            j("q=2020年吉林", -1, 2, 4),
            // region subtree
            j("q=节水&region=64", 7, 7),
            j("q=科普大篷车&region=22", 3, 3),
            j("q=科普&region=431382", -1, 0, 1),
            j("q=科普&region=3402", -1, 10, 11, 12),
            j("region=6405&sort=start", -1, 5, 6, 7, 8, 9),
            // dates
            j("q=科普&from=2021-09-14&to=2021-09-14", -1, 6, 7, 9),
            j("from=2023-05-01&to=2023-05-31", 13, 13, 14),
            j("q=科普日&from=2018-09-01&to=2018-09-30", 0, 0, 1),
            // near me
            j("lat=31.369373&lon=118.391734&radiusKm=30&sort=distance", 10, 10, 11, 12),
            j("lat=37.516883&lon=105.173721&radiusKm=30&sort=distance", 5, 5, 6, 7, 8),
            j("q=科普&lat=43.886841&lon=125.3245&radiusKm=30&sort=distance", 2, 2, 3, 4));

    static Judged j(String query, int best, Integer... relevant) {
        return new Judged(query, Set.of(relevant), best, List.of());
    }

    static Judged titled(Judged judged, String... titleHas) {
        return new Judged(judged.query(), judged.relevant(), judged.best(), List.of(titleHas));
    }

    @Autowired
    WebTestClient client;

    @Autowired
    DemoActivities demo;

    @Autowired
    DiscoveryService discovery;

    List<String> seedIds;

    @BeforeAll
    void load() {
        SeedFixture.load(demo).block(Duration.ofSeconds(60));
        demo.generate(300, 7).block(Duration.ofSeconds(120));
        discovery.catchUp().block(Duration.ofSeconds(120));
        seedIds = List.copyOf(SeedFixture.idsByTitle().values());
    }

    @Test
    void judgedQueriesMeetTheRecallAndBestFirstTargets() {
        assertThat(JUDGED).hasSizeGreaterThanOrEqualTo(40);
        double recall = 0;
        int bestFirst = 0;
        List<String> misses = new ArrayList<>();
        for (Judged judged : JUDGED) {
            List<Map<String, Object>> items = items(judged.query() + "&size=10");
            List<String> top = items.stream().map(i -> (String) i.get("id")).toList();
            long found = judged.relevant().stream()
                    .filter(i -> top.contains(seedIds.get(i)))
                    .count();
            recall += (double) found / judged.relevant().size();
            String first = top.isEmpty() ? null : top.get(0);
            boolean best = judged.best() >= 0
                    ? seedIds.get(judged.best()).equals(first)
                    : judged.relevant().stream().anyMatch(i -> seedIds.get(i).equals(first))
                            || (!items.isEmpty()
                                    && judged.bestTitleHas().stream()
                                            .anyMatch(
                                                    w -> ((String) items.get(0).get("title")).contains(w)));
            if (best) {
                bestFirst++;
            }
            if (found < judged.relevant().size() || !best) {
                misses.add(judged.query() + ": found " + found + "/"
                        + judged.relevant().size()
                        + (best
                                ? ""
                                : ", first was "
                                        + (items.isEmpty()
                                                ? "nothing"
                                                : items.get(0).get("title"))));
            }
        }
        double recallAt10 = recall / JUDGED.size();
        double bestFirstRate = (double) bestFirst / JUDGED.size();
        System.out.printf(
                "RELEVANCE %d queries: recall@10 = %.3f, best first = %.3f%n",
                JUDGED.size(), recallAt10, bestFirstRate);
        misses.forEach(m -> System.out.println("RELEVANCE miss: " + m));
        assertThat(recallAt10).isGreaterThanOrEqualTo(0.95);
        assertThat(bestFirstRate).isGreaterThanOrEqualTo(0.90);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String query) {
        Map<String, Object> page = client.get()
                .uri("/api/v1/activities?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(page).containsEntry("degraded", false);
        return (List<Map<String, Object>>) page.get("items");
    }
}
