package org.kepu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.region.RegionService;
import org.kepu.shared.security.RegionScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

/** Seed and generated demo activities in the real tables, checked with the real rules, regions and editions. */
@IntegrationTest
// its own database: counts of demo rows must not see other tests' activities, nor theirs ours
@TestPropertySource(properties = "kepu.devstack.database=kepu_demo_data")
class DemoActivitiesIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    DemoActivities demo;

    @Autowired
    ActivityRepository activities;

    @Autowired
    CampaignService campaigns;

    @Autowired
    RegionService regions;

    @Autowired
    DatabaseClient db;

    @Test
    void seedsAreStoredOncePublishedAsWrittenEachWithOneOutboxRow() {
        demo.loadSeeds().block(WAIT);
        assertThat(demo.loadSeeds().block(WAIT)).isZero();

        List<SeedActivities.Numbered> seeds = SeedActivities.read();
        assertThat(seeds).hasSize(15);
        List<UUID> ids = seeds.stream().map(SeedActivities.Numbered::id).toList();
        assertThat(count("SELECT count(*) FROM activity.activity WHERE id = ANY(:ids)", ids))
                .isEqualTo(15);
        for (SeedActivities.Numbered seed : seeds) {
            Activity stored = activities.findById(seed.id()).block(WAIT);
            assertThat(stored.status()).isEqualTo(ActivityStatus.PUBLISHED);
            assertThat(stored.draft().title()).isEqualTo(seed.seed().title());
            assertThat(stored.draft().description()).isEqualTo(seed.seed().description());
            assertThat(stored.organizerName()).isEqualTo(seed.seed().organizer());
            assertThat(valid(stored)).as(seed.seed().title()).isEmpty();
        }
        // the Jilin notice is in traditional characters, and so it stays
        Activity jilin = activities.findById(SeedActivities.id(2)).block(WAIT);
        assertThat(jilin.draft().title()).isEqualTo("2020年吉林省科技活動周啟動儀式");
        assertThat(jilin.draft().venue().name()).isEqualTo("長春中醫藥大學");
        assertThat(jilin.organizerName()).isEqualTo("吉林省科學技術廳");

        assertThat(outboxRowsPerKey(ids))
                .hasSize(15)
                .allSatisfy((key, rows) -> assertThat(rows).isEqualTo(1));
    }

    @Test
    void generatesExactlyTheActivitiesAskedForValidAndMixedAsPlanned() {
        long seed = 4242;
        int count = 10_000;
        long started = System.nanoTime();
        Long added = demo.generate(count, seed).block(Duration.ofMinutes(2));
        long millis = DemoActivities.millis(started);
        System.out.printf("Generated %,d demo activities in %,d ms%n", count, millis);
        assertThat(added).isEqualTo(count);
        assertThat(millis).as("sanity bound, not the benchmark").isLessThan(20_000);

        List<UUID> ids = IntStream.range(0, count)
                .mapToObj(i -> ActivityGenerator.id(seed, i))
                .toList();
        assertThat(count("SELECT count(*) FROM activity.activity WHERE id = ANY(:ids) AND status = 'PUBLISHED'", ids))
                .isEqualTo(count);
        assertThat(count(
                        "SELECT count(*) FROM shared.outbox WHERE topic = 'activity' AND key = ANY(:ids::text[])", ids))
                .isEqualTo(count);

        Map<String, Long> formats = db.sql(
                        "SELECT format, count(*) AS n FROM activity.activity WHERE id = ANY(:ids) GROUP BY format")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("format", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block(WAIT);
        assertThat(formats.get("ONSITE")).isBetween(6500L, 7500L);
        assertThat(formats.get("ONLINE")).isBetween(1500L, 2500L);
        assertThat(formats.get("HYBRID")).isBetween(500L, 1500L);

        List<String> titles = db.sql("SELECT title FROM activity.activity WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("title", String.class))
                .all()
                .collectList()
                .block(WAIT);
        assertThat(titles.stream().filter(Traditional::isTraditional)).hasSizeBetween(120, 280); // about 2%

        // one association per county
        assertThat(count(
                        "SELECT count(DISTINCT org_unit_id) - count(DISTINCT region_code) FROM activity.activity"
                                + " WHERE id = ANY(:ids)",
                        ids))
                .isZero();

        for (int i = 0; i < count; i += count / 200) {
            Activity stored = activities.findById(ids.get(i)).block(WAIT);
            assertThat(valid(stored)).as(stored.draft().title()).isEmpty();
        }
    }

    @Test
    void theSameSeedGeneratesTheSameActivitiesSoASecondRunAddsNothing() {
        assertThat(demo.generate(200, 77).block(WAIT)).isEqualTo(200);
        Activity first = activities.findById(ActivityGenerator.id(77, 199)).block(WAIT);
        assertThat(demo.generate(200, 77).block(WAIT)).isZero();
        assertThat(demo.generate(201, 77).block(WAIT)).isEqualTo(1);
        assertThat(activities.findById(ActivityGenerator.id(77, 199)).block(WAIT))
                .isEqualTo(first);
    }

    private List<?> valid(Activity a) {
        return ActivityRules.check(
                a.draft(),
                campaigns.require(a.draft().campaignId()).block(WAIT),
                regions.require(a.draft().regionCode()).block(WAIT),
                RegionScope.everywhere());
    }

    private long count(String sql, List<UUID> ids) {
        return db.sql(sql)
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get(0, Long.class))
                .one()
                .block(WAIT);
    }

    private Map<String, Long> outboxRowsPerKey(List<UUID> ids) {
        return db.sql("SELECT key, count(*) AS n FROM shared.outbox WHERE topic = 'activity' AND key = ANY(:keys)"
                        + " GROUP BY key")
                .bind("keys", ids.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> Map.entry(row.get("key", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block(WAIT);
    }
}
