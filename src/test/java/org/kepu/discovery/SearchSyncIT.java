package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.kepu.activity.TestActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TcpProxy;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Search follows every change, over HTTP as the public sees it: a publish, an edit that keeps the activity
 * published, an edit that sends it back to review (it leaves search), re-approval and cancellation each
 * show within two seconds. With Elasticsearch cut off, writes go on; when it returns the index catches up
 * and equals PostgreSQL. Items Elasticsearch refuses are dead-lettered, shown, and can be retried.
 */
@IntegrationTest
@TestPropertySource(properties = {"kepu.devstack.database=kepu_sync", "kepu.devstack.proxies=elasticsearch"})
class SearchSyncIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DiscoveryService discovery;

    @Autowired
    ElasticsearchAsyncClient elasticsearch;

    @Autowired
    DatabaseClient db;

    @Autowired
    @Qualifier("elasticsearchProxy")
    TcpProxy proxy;

    @Test
    void everyChangeReachesSearchWithinTwoSeconds() {
        TestActivities f = fixture();
        String body = TestActivities.onsite("邢台市同步测试天文展", "1305", 37.07, 114.50, "2026-09-19");

        long start = System.nanoTime();
        String id = f.publish(body);
        Duration published = await("q=同步测试天文展", items -> ids(items).contains(id), start);

        start = System.nanoTime();
        assertThat(f.edit(id, body.replace("2026-09-19", "2026-09-20"))).isEqualTo("PUBLISHED");
        Duration moved = await(
                "q=同步测试天文展",
                items -> items.stream()
                        .anyMatch(i -> id.equals(i.get("id")) && "2026-09-20T09:00:00+08:00".equals(i.get("startsAt"))),
                start);

        start = System.nanoTime();
        assertThat(f.edit(id, body.replace("天文展", "星空展"))).isEqualTo("SUBMITTED");
        Duration unpublished = await("q=同步测试", items -> !ids(items).contains(id), start);

        start = System.nanoTime();
        f.approve(id);
        Duration republished = await("q=同步测试星空展", items -> ids(items).contains(id), start);

        start = System.nanoTime();
        f.cancel(id, "场馆检修");
        Duration cancelled =
                await("q=同步测试星空展&status=CANCELLED", items -> ids(items).contains(id), start);

        System.out.printf(
                "search sync (request sent → visible over HTTP): publish %d ms, edit %d ms, back to review %d ms,"
                        + " re-approve %d ms, cancel %d ms%n",
                published.toMillis(),
                moved.toMillis(),
                unpublished.toMillis(),
                republished.toMillis(),
                cancelled.toMillis());
        assertThat(List.of(published, moved, unpublished, republished, cancelled))
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(VISIBLE_WITHIN));
    }

    @Test
    void afterAnOutageTheIndexCatchesUpAndEqualsPostgres() {
        TestActivities f = fixture();
        String kept = f.publish(TestActivities.onsite("邢台市断线前的机器人展", "1305", 37.07, 114.50, "2026-09-21"));
        String toCancel = f.publish(TestActivities.onsite("邢台市断线后取消的讲座", "1305", 37.07, 114.50, "2026-09-21"));
        discovery.catchUp().block(Duration.ofSeconds(30));

        proxy.cut();
        try {
            String added = f.publish(TestActivities.onsite("邢台市断线期间发布的航模赛", "1305", 37.07, 114.50, "2026-09-22"));
            f.cancel(toCancel, "天气原因");
            Map<String, Object> page = search("q=断线期间发布&region=1305");
            assertThat(page).containsEntry("degraded", true);
            assertThat(ids(items(page))).containsExactly(added);

            // an outage long enough to use up every attempt if it counted: nothing may be dead-lettered
            sleep(Duration.ofSeconds(7));
            IndexStatus during = discovery.indexStatus(10).block(Duration.ofSeconds(5));
            assertThat(during.pending()).isGreaterThanOrEqualTo(2);
            assertThat(during.dead()).isZero();
            assertThat(during.waiting()).isTrue();
        } finally {
            proxy.restore();
        }

        long back = System.nanoTime();
        Duration caughtUp = await(
                "q=断线期间发布&region=1305",
                items -> items.size() == 1,
                back,
                page -> !Boolean.TRUE.equals(page.get("degraded")));
        System.out.printf("search catch-up after Elasticsearch returned: %d ms%n", caughtUp.toMillis());
        discovery.catchUp().block(Duration.ofSeconds(30));

        // the same activities, each at least as new as its newest change (a rebuild stamps its snapshot id)
        Map<String, Indexed> index = indexed();
        Map<String, Indexed> truth = publicActivities();
        assertThat(index.keySet()).isEqualTo(truth.keySet());
        truth.forEach((id, row) -> {
            assertThat(index.get(id).status()).as(id).isEqualTo(row.status());
            assertThat(index.get(id).version()).as(id).isGreaterThanOrEqualTo(row.version());
        });
        assertThat(ids(items(search("q=断线后取消&status=CANCELLED")))).containsExactly(toCancel);
        assertThat(ids(items(search("q=断线前的机器人展")))).containsExactly(kept);
    }

    @Test
    void refusedItemsAreDeadLetteredShownAndRetried() {
        TestActivities f = fixture();
        discovery.catchUp().block(Duration.ofSeconds(30));
        // the index vanishes behind the alias: Elasticsearch answers, but refuses every item
        for (String physical : Mono.fromFuture(() -> elasticsearch.indices().getAlias(a -> a.name(discovery.alias())))
                .block(Duration.ofSeconds(10))
                .aliases()
                .keySet()) {
            Mono.fromFuture(() -> elasticsearch.indices().delete(d -> d.index(physical)))
                    .block(Duration.ofSeconds(10));
        }
        try {
            String id = f.publish(TestActivities.onsite("邢台市死信测试展览", "1305", 37.07, 114.50, "2026-09-23"));

            IndexStatus dead = Mono.defer(() -> discovery.indexStatus(10))
                    .filter(s -> s.dead() > 0)
                    .repeatWhenEmpty(200, ticks -> ticks.delayElements(Duration.ofMillis(100)))
                    .block(Duration.ofSeconds(30));
            assertThat(dead.deadLetters()).anySatisfy(letter -> {
                assertThat(letter.activityId()).isEqualTo(id);
                assertThat(letter.lastError()).contains("index_not_found");
            });
            String admin = TestAccounts.token(client, new TestAccounts(organizer).account("13", Role.ADMIN));
            client.get()
                    .uri("/api/v1/admin/search/status")
                    .headers(h -> h.setBearerAuth(admin))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.dead")
                    .isEqualTo((int) dead.dead())
                    .jsonPath("$.deadLetters[0].activityId")
                    .isEqualTo(id);
            // health reads the lag the follower measured, at most a few seconds old
            Map<String, Object> health = health();
            for (int i = 0; i < 150 && !"WARNING".equals(health.get("status")); i++) {
                sleep(Duration.ofMillis(100));
                health = health();
            }
            assertThat(health).containsEntry("status", "WARNING");

            // only administrators see the dead letters or requeue them
            String reviewer = TestAccounts.token(client, new TestAccounts(organizer).account("13", Role.REVIEWER));
            for (String bearer : new String[] {reviewer, null}) {
                for (boolean retry : new boolean[] {false, true}) {
                    WebTestClient.RequestHeadersSpec<?> call = retry
                            ? client.post().uri("/api/v1/admin/search/dead-letters/retry")
                            : client.get().uri("/api/v1/admin/search/status");
                    if (bearer != null) {
                        call = call.headers(h -> h.setBearerAuth(bearer));
                    }
                    call.exchange()
                            .expectStatus()
                            .isEqualTo(bearer == null ? 401 : 403)
                            .expectHeader()
                            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
                }
            }
            assertThat(discovery.indexStatus(10).block(Duration.ofSeconds(5)).dead())
                    .isEqualTo(dead.dead());

            // the operator's way out: rebuild, then queue the dead letters again
            discovery.rebuild().block(Duration.ofSeconds(60));
            client.post()
                    .uri("/api/v1/admin/search/dead-letters/retry")
                    .headers(h -> h.setBearerAuth(admin))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.requeued")
                    .isEqualTo((int) dead.dead());
            discovery.catchUp().block(Duration.ofSeconds(30));
            assertThat(discovery.indexStatus(10).block(Duration.ofSeconds(5)).dead())
                    .isZero();
            assertThat(ids(items(search("q=死信测试展览")))).containsExactly(id);
        } finally {
            discovery.rebuild().block(Duration.ofSeconds(60)); // never leave the next test without an index
        }
    }

    private TestActivities fixture() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        return new TestActivities(
                client,
                TestAccounts.token(client, accounts.account("1305", Role.ORGANIZER)),
                TestAccounts.token(client, accounts.account("13", Role.REVIEWER)));
    }

    private Duration await(String query, Predicate<List<Map<String, Object>>> seen, long startNanos) {
        return await(query, seen, startNanos, page -> true);
    }

    /** Searches over HTTP every 25 ms until the items satisfy {@code seen}; the time since {@code startNanos}. */
    private Duration await(
            String query,
            Predicate<List<Map<String, Object>>> seen,
            long startNanos,
            Predicate<Map<String, Object>> page) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> result = search(query);
            if (page.test(result) && seen.test(items(result))) {
                return Duration.ofNanos(System.nanoTime() - startNanos);
            }
            sleep(Duration.ofMillis(25));
        }
        throw new AssertionError("search " + query + " never showed the change: " + search(query));
    }

    private Map<String, Object> search(String query) {
        return client.get()
                .uri("/api/v1/activities?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> health() {
        return client.get()
                .uri("/actuator/health")
                .exchange()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> i.get("id")).toList();
    }

    record Indexed(long version, String status) {}

    /** Every document in the index, by id, with its external version and status. */
    @SuppressWarnings("unchecked")
    private Map<String, Indexed> indexed() {
        var response = Mono.fromFuture(() -> elasticsearch.search(
                        s -> s.index(discovery.alias())
                                .size(10_000)
                                .version(true)
                                .query(q -> q.matchAll(m -> m)),
                        Map.class))
                .block(Duration.ofSeconds(10));
        Map<String, Indexed> documents = new HashMap<>();
        response.hits()
                .hits()
                .forEach(hit -> documents.put(hit.id(), new Indexed(hit.version(), (String)
                        ((Map<String, Object>) hit.source()).get("status"))));
        return documents;
    }

    /** Every public activity in PostgreSQL, by id, with the newest outbox id that announced it. */
    private Map<String, Indexed> publicActivities() {
        Map<String, Indexed> rows = new HashMap<>();
        db.sql("""
                        SELECT a.id::text AS id, a.status, max(o.id) AS version
                        FROM activity.activity a JOIN shared.outbox o ON o.key = a.id::text AND o.topic = 'activity'
                        WHERE a.status IN ('PUBLISHED', 'CANCELLED', 'POSTPONED')
                        GROUP BY a.id, a.status
                        """)
                .map(row -> Map.entry(
                        row.get("id", String.class),
                        new Indexed(row.get("version", Long.class), row.get("status", String.class))))
                .all()
                .doOnNext(e -> rows.put(e.getKey(), e.getValue()))
                .blockLast(Duration.ofSeconds(10));
        return rows;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
