package org.kepu.stats;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.kepu.region.RegionLevel;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Quotas of key activities per region level: the configured defaults, overridden per edition. */
final class Quotas {

    static final int MAX = 1_000_000;

    private final DatabaseClient db;
    private final StatsProperties properties;

    Quotas(DatabaseClient db, StatsProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    Map<RegionLevel, Integer> defaults() {
        Map<RegionLevel, Integer> result = new EnumMap<>(RegionLevel.class);
        result.put(RegionLevel.PROVINCE, properties.provinceQuota());
        result.put(RegionLevel.CITY, properties.cityQuota());
        result.put(RegionLevel.COUNTY, properties.countyQuota());
        return result;
    }

    /** The quotas that apply to an edition (0: none). */
    Mono<Map<RegionLevel, Integer>> of(UUID campaign) {
        return db.sql("SELECT level, minimum FROM stats.quota WHERE campaign_id = :c")
                .bind("c", campaign)
                .map(row -> Map.entry(
                        RegionLevel.valueOf(row.get("level", String.class)), row.get("minimum", Integer.class)))
                .all()
                .collectList()
                .map(overrides -> {
                    Map<RegionLevel, Integer> result = defaults();
                    overrides.forEach(e -> result.put(e.getKey(), e.getValue()));
                    return result;
                });
    }

    /** Sets the given levels' quotas of an edition (the others keep theirs). */
    Mono<Void> set(UUID campaign, Map<RegionLevel, Integer> minimums, String by, Instant now) {
        return Flux.fromIterable(minimums.entrySet())
                .concatMap(e -> db.sql("""
                                INSERT INTO stats.quota (campaign_id, level, minimum, updated_at, updated_by)
                                VALUES (:c, :level, :minimum, :now, :by)
                                ON CONFLICT (campaign_id, level) DO UPDATE SET minimum = EXCLUDED.minimum,
                                  updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                                """)
                        .bind("c", campaign)
                        .bind("level", e.getKey().name())
                        .bind("minimum", e.getValue())
                        .bind("now", now)
                        .bind("by", by)
                        .then())
                .then();
    }
}
