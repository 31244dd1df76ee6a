package org.kepu.activity;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.RegionScope;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** 推优 recommendations: one per activity and reviewing level; a reviewer may revise its level's. */
@Component
class Nominations {

    private final DatabaseClient db;

    Nominations(DatabaseClient db) {
        this.db = db;
    }

    /** The reviewing level of a reviewer: that of its unit's region, national without one. */
    static String level(Actor reviewer) {
        return switch (reviewer.regionCode().map(String::length).orElse(0)) {
            case 0 -> "NATIONAL";
            case 2 -> "PROVINCE";
            case 4 -> "CITY";
            default -> "COUNTY";
        };
    }

    /** Upserts; emits true when this level had no recommendation before. */
    Mono<Boolean> put(UUID activityId, Actor reviewer, Scores s, String note, Instant now) {
        var spec = db.sql("""
                        INSERT INTO activity.recommendation (activity_id, level, reviewer, org_unit_id, mobilization,
                          scale, publicity, volunteers, joint_action, online_reach, note, created_at, updated_at)
                        VALUES (:id, :level, :reviewer, :unit, :m, :s, :p, :v, :j, :o, :note, :now, :now)
                        ON CONFLICT (activity_id, level) DO UPDATE SET reviewer = EXCLUDED.reviewer,
                          org_unit_id = EXCLUDED.org_unit_id, mobilization = EXCLUDED.mobilization,
                          scale = EXCLUDED.scale, publicity = EXCLUDED.publicity, volunteers = EXCLUDED.volunteers,
                          joint_action = EXCLUDED.joint_action, online_reach = EXCLUDED.online_reach,
                          note = EXCLUDED.note, updated_at = EXCLUDED.updated_at
                        RETURNING (xmax = 0) AS inserted
                        """)
                .bind("id", activityId)
                .bind("level", level(reviewer))
                .bind("reviewer", reviewer.username())
                .bind("unit", reviewer.orgUnitId())
                .bind("m", s.mobilization())
                .bind("s", s.scale())
                .bind("p", s.publicity())
                .bind("v", s.volunteers())
                .bind("j", s.jointAction())
                .bind("o", s.onlineReach())
                .bind("now", now);
        spec = ActivityRepository.nullable(
                spec, "note", note == null || note.isBlank() ? null : note.strip(), String.class);
        return spec.map(row -> Boolean.TRUE.equals(row.get("inserted", Boolean.class)))
                .one();
    }

    /** Recommendations of activities inside the scope (optionally narrowed to a region), best first. */
    Flux<Recommendation> list(RegionScope scope, Optional<String> region) {
        return scope.bind(db.sql("""
                                SELECT r.*, a.title, a.region_code FROM activity.recommendation r
                                JOIN activity.activity a ON a.id = r.activity_id
                                WHERE """ + " " + scope.sql("a.region_code")
                                + " AND starts_with(a.region_code, :region)"
                                + """
                                 ORDER BY (r.mobilization + r.scale + r.publicity + r.volunteers + r.joint_action
                                  + r.online_reach) DESC, r.updated_at DESC LIMIT 1000
                                """)
                        .bind("region", region.orElse("")))
                .map(Nominations::recommendation)
                .all();
    }

    private static Recommendation recommendation(Readable row) {
        return new Recommendation(
                row.get("activity_id", UUID.class),
                row.get("title", String.class),
                row.get("region_code", String.class),
                row.get("level", String.class),
                row.get("reviewer", String.class),
                new Scores(
                        row.get("mobilization", Integer.class),
                        row.get("scale", Integer.class),
                        row.get("publicity", Integer.class),
                        row.get("volunteers", Integer.class),
                        row.get("joint_action", Integer.class),
                        row.get("online_reach", Integer.class)),
                row.get("note", String.class),
                row.get("updated_at", Instant.class));
    }
}
