package org.kepu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kepu.activity.DemoActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Uncached summary latency over a generated data set with check-ins (size: {@code -Dkepu.bench.activities},
 * default 20,000 to keep the build short). Prints p50/p95 for the whole country and a province.
 */
@IntegrationTest
@TestPropertySource(properties = {"kepu.devstack.database=kepu_stats_latency", "kepu.stats.poll-interval=1h"})
class StatsLatencyIT {

    static final UUID CAMPAIGN = CampaignService.demoEditionId("sd-2026");

    @Autowired
    DemoActivities demo;

    @Autowired
    StatsService stats;

    @Autowired
    DatabaseClient db;

    @Test
    void theSummaryOfTheWholeCountryIsAnsweredFromCountersNotRows() {
        int size = Integer.getInteger("kepu.bench.activities", 20_000);
        long t0 = System.nanoTime();
        demo.generate(size, 11).block(Duration.ofMinutes(30));
        // two check-ins per activity on average, from a million participants
        db.sql("""
                        INSERT INTO checkin.check_in (id, activity_id, participant_id, channel, checked_in_at)
                        SELECT gen_random_uuid(), a.id, ('00000000-0000-0000-0000-' || lpad(((g::bigint * 7919 + abs(hashtext(a.id::text)::bigint)) % 1000000)::text, 12, '0'))::uuid,
                          CASE WHEN g = 1 THEN 'ONLINE' ELSE 'ONSITE' END, now()
                        FROM activity.activity a CROSS JOIN generate_series(0, 3) g
                        WHERE (abs(hashtext(a.id::text)::bigint) + g) % 2 = 0
                        ON CONFLICT DO NOTHING
                        """).then().block(Duration.ofMinutes(10));
        long t1 = System.nanoTime();
        stats.rebuild().block(Duration.ofMinutes(60));
        long t2 = System.nanoTime();
        List<Long> country = measure(Optional.empty());
        List<Long> province = measure(Optional.of("41"));
        Summary summary = stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.empty(), CAMPAIGN)
                .block(Duration.ofSeconds(10));
        long checkIns = summary.region().figures().checkIns();
        System.out.printf(
                "stats latency: %,d activities generated (%,d in the campaign, %,d check-ins) in %d s; rebuild %d s;"
                        + " uncached summary country p50 %d ms p95 %d ms; province 41 p50 %d ms p95 %d ms%n",
                size,
                summary.region().figures().published(),
                checkIns,
                (t1 - t0) / 1_000_000_000,
                (t2 - t1) / 1_000_000_000,
                country.get(country.size() / 2),
                country.get(country.size() * 95 / 100),
                province.get(province.size() / 2),
                province.get(province.size() * 95 / 100));
        assertThat(summary.region().figures().published()).isGreaterThan(size / 2);
        assertThat(checkIns).isPositive();
        assertThat(country.get(country.size() * 95 / 100)).isLessThan(1000);
    }

    private List<Long> measure(Optional<String> region) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            stats.catchUp().block(Duration.ofSeconds(30)); // a new cache generation: the next summary is computed
            long start = System.nanoTime();
            stats.summary(TestAccounts.SYSTEM_ADMIN, region, CAMPAIGN).block(Duration.ofSeconds(10));
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        return millis.stream().sorted().toList();
    }
}
