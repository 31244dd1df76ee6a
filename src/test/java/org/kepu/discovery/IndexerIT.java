package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.kepu.activity.TestActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** The outbox indexer: late or repeated deliveries never overwrite newer data; two indexers never share a row. */
@IntegrationTest
@TestPropertySource(properties = "kepu.devstack.database=kepu_indexer")
class IndexerIT {

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
    ReactiveStringRedisTemplate redis;

    @Test
    void aLateOrRepeatedDeliveryDoesNotUndoANewerChange() {
        TestActivities f = fixture();
        String id = f.publish(TestActivities.onsite("唐山市索引顺序测试活动", "1302", 39.63, 118.18, "2026-09-19"));
        discovery.catchUp().block(Duration.ofSeconds(30));
        long published = outboxIds(id).get(0);
        f.cancel(id, "场地调整");
        discovery.catchUp().block(Duration.ofSeconds(30));
        long cancelled = outboxIds(id).get(1);
        assertThat(document(id)).containsEntry("status", "CANCELLED");
        long version = version(id);
        assertThat(version).isEqualTo(cancelled);

        // the older notice arrives again, late, and so does the newer one: nothing changes
        Indexer indexer = discovery.indexer().block(Duration.ofSeconds(10));
        indexer.write(discovery.alias(), Map.of(id, published)).block(Duration.ofSeconds(10));
        indexer.write(discovery.alias(), Map.of(id, cancelled)).block(Duration.ofSeconds(10));
        assertThat(version(id)).isEqualTo(cancelled);
        assertThat(document(id)).containsEntry("status", "CANCELLED");
    }

    @Test
    void twoIndexersDrainingAtOnceNeverClaimTheSameRow() {
        TestActivities f = fixture();
        discovery.catchUp().block(Duration.ofSeconds(30));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(f.publish(TestActivities.onsite("唐山市并发索引测试" + i, "1302", 39.63, 118.18, "2026-09-19")));
        }
        Indexer indexer = discovery.indexer().block(Duration.ofSeconds(10));
        long pending = count("SELECT count(*) AS n FROM shared.outbox WHERE processed_at IS NULL");
        // two indexers (the app's own poller may be a third): each row is claimed by exactly one of them
        List<Integer> claimed = Mono.zip(indexer.drainOnce(true), indexer.drainOnce(true))
                .map(t -> List.of(t.getT1(), t.getT2()))
                .block(Duration.ofSeconds(30));
        assertThat(claimed.get(0) + claimed.get(1)).isLessThanOrEqualTo((int) pending);
        discovery.catchUp().block(Duration.ofSeconds(30));
        assertThat(count("SELECT count(*) AS n FROM shared.outbox WHERE processed_at IS NULL"))
                .isZero();
        for (String id : ids) {
            assertThat(document(id)).containsEntry("status", "PUBLISHED");
        }
    }

    @Test
    void checkInCountsReachTheIndexWithinTheirCadenceWithoutBeingAskedTo() {
        TestActivities f = fixture();
        String id = f.publish(TestActivities.onsite("唐山市打卡人数索引测试", "1302", 39.63, 118.18, "2026-09-19"));
        discovery.catchUp().block(Duration.ofSeconds(30));
        assertThat(document(id)).containsEntry("check_ins", 0);
        // a check-in batch as the check-in writer commits it: the row, the counter and its own outbox topic
        db.sql("WITH ins AS (INSERT INTO checkin.check_in (id, activity_id, participant_id, channel, checked_in_at)"
                        + " VALUES (gen_random_uuid(), CAST(:a AS uuid), gen_random_uuid(), 'ONSITE', now()) RETURNING 1)"
                        + " INSERT INTO checkin.activity_count (activity_id, check_ins) SELECT CAST(:a AS uuid), count(*)"
                        + " FROM ins")
                .bind("a", id)
                .then()
                .block(Duration.ofSeconds(5));
        db.sql("INSERT INTO shared.outbox (topic, key, created_at) VALUES ('check-in', :a, now())")
                .bind("a", id)
                .then()
                .block(Duration.ofSeconds(5));
        // and after the commit, the cached count (CheckInCounts)
        redis.opsForValue().set("kepu:checkin:count:" + id, "1").block(Duration.ofSeconds(5));
        // only the app's own poller runs now (no catch-up): counts are taken every IndexFollower.COUNTS_EVERY
        long deadline =
                System.nanoTime() + IndexFollower.COUNTS_EVERY.multipliedBy(3).toNanos();
        Object seen = document(id).get("check_ins");
        while (!Integer.valueOf(1).equals(seen) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            seen = document(id).get("check_ins");
        }
        assertThat(seen).isEqualTo(1);
    }

    private TestActivities fixture() {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        return new TestActivities(
                client,
                TestAccounts.token(client, accounts.account("1302", Role.ORGANIZER)),
                TestAccounts.token(client, accounts.account("13", Role.REVIEWER)));
    }

    private List<Long> outboxIds(String key) {
        return db.sql("SELECT id FROM shared.outbox WHERE key = :key ORDER BY id")
                .bind("key", key)
                .map(row -> row.get("id", Long.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(5));
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(5));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> document(String id) {
        var response = Mono.fromFuture(
                        () -> elasticsearch.get(g -> g.index(discovery.alias()).id(id), Map.class))
                .block(Duration.ofSeconds(10));
        assertThat(response.found()).as("indexed " + id).isTrue();
        return (Map<String, Object>) response.source();
    }

    private long version(String id) {
        return Mono.fromFuture(
                        () -> elasticsearch.get(g -> g.index(discovery.alias()).id(id), Map.class))
                .block(Duration.ofSeconds(10))
                .version();
    }
}
