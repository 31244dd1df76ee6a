package org.kepu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** The dev profile publishes the seeds and the configured number of generated activities at start. */
@IntegrationTest
@ActiveProfiles({"test", "dev"})
@TestPropertySource(
        properties = {
            "kepu.devstack.database=kepu_demo_dev",
            "kepu.activity.demo-generated=500",
            "kepu.activity.demo-seed=31"
        })
class DemoActivityDataIT {

    @Autowired
    DatabaseClient db;

    @Test
    void seedsAndGeneratedActivitiesArePublishedAtStart() {
        List<UUID> ids = Stream.concat(
                        IntStream.range(0, 15).mapToObj(SeedActivities::id),
                        IntStream.range(0, 500).mapToObj(i -> ActivityGenerator.id(31, i)))
                .toList();
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(db.sql(
                                        "SELECT count(*) FROM activity.activity WHERE id = ANY(:ids) AND status = 'PUBLISHED'")
                                .bind("ids", ids.toArray(UUID[]::new))
                                .map(row -> row.get(0, Long.class))
                                .one()
                                .block(Duration.ofSeconds(10)))
                        .isEqualTo(515L));
    }

    @Test
    void seedOrganizersThatAreDemoAssociationsShareTheirUnitWithTheDemoAccounts() {
        // 中卫市科学技术协会 organizes a seed activity and is a dev unit too; both loaders run at start, in any order
        UUID seed = SeedActivities.id(5);
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(db.sql("""
                                SELECT a.org_unit_id = u.org_unit_id FROM activity.activity a, organizer.account u
                                WHERE a.id = :id AND u.username = 'zhongwei-reviewer'
                                """)
                                .bind("id", seed)
                                .map(row -> row.get(0, Boolean.class))
                                .one()
                                .block(Duration.ofSeconds(10)))
                        .isTrue());
        assertThat(db.sql("SELECT count(*) FROM organizer.account WHERE username = 'shapotou-organizer'")
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block(Duration.ofSeconds(10)))
                .isEqualTo(1L);
    }
}
