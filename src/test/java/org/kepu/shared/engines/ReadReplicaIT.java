package org.kepu.shared.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kepu.activity.TestActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.DevStack;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With a read replica configured (a PostgreSQL primary and a standby streaming from it), lag-tolerant reads
 * go to the standby and writes to the primary. Shown by pausing the standby's replay: a new activity is
 * written and committed, yet search's PostgreSQL fallback (Elasticsearch is unreachable here) does not see
 * it until replay resumes.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "kepu.devstack.read-replica=true",
            "spring.elasticsearch.uris=http://127.0.0.1:9",
            "spring.elasticsearch.connection-timeout=500ms"
        })
class ReadReplicaIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ReadReplica replica;

    @Autowired
    DevStack.ReplicaPair pair;

    @Test
    void lagTolerantReadsComeFromTheReplicaAndWritesGoToThePrimary() throws Exception {
        assertThat(replica.configured()).isTrue();
        WebTestClient slow =
                client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        TestActivities f = new TestActivities(
                slow,
                TestAccounts.token(slow, accounts.account("1306", Role.ORGANIZER)),
                TestAccounts.token(slow, accounts.account("13", Role.REVIEWER)));

        String first = f.publish(TestActivities.onsite("保定市副本测试一号展", "1306", 38.87, 115.46, "2026-09-19"));
        awaitFound(slow, first);

        sql(pair.standbyPort(), "SELECT pg_wal_replay_pause()");
        try {
            String second = f.publish(TestActivities.onsite("保定市副本测试二号展", "1306", 38.87, 115.46, "2026-09-20"));
            assertThat(count(pair.primaryPort(), second))
                    .as("committed on the primary")
                    .isOne();
            Thread.sleep(1_000); // time enough to replicate, were replay not paused
            assertThat(count(pair.standbyPort(), second))
                    .as("not yet on the paused standby")
                    .isZero();
            Map<String, Object> page = search(slow);
            assertThat(page).containsEntry("degraded", true);
            assertThat(ids(page)).containsExactly(first);

            sql(pair.standbyPort(), "SELECT pg_wal_replay_resume()");
            awaitFound(slow, second);
            assertThat(ids(search(slow))).containsExactlyInAnyOrder(first, second);
        } finally {
            sql(pair.standbyPort(), "SELECT pg_wal_replay_resume()");
        }
    }

    private void awaitFound(WebTestClient slow, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ids(search(slow)).contains(id)) {
            assertThat(System.nanoTime()).as("replicated within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Map<String, Object> search(WebTestClient slow) {
        return slow.get()
                .uri("/api/v1/activities?q=副本测试&region=1306")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private static List<Object> ids(Map<String, Object> page) {
        return ((List<?>) page.get("items"))
                .stream()
                        .map(i -> ((Map<?, ?>) i).get("id"))
                        .map(Object.class::cast)
                        .toList();
    }

    private static void sql(int port, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/kepu", "kepu", "");
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static long count(int port, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/kepu", "kepu", "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM activity.activity WHERE id = '" + id + "'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
