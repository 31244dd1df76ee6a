package org.kepu.stats;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.kepu.activity.EvidenceCompleteness;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the pre-aggregated tables: a region's rows are a few thousand at most, whatever the data size. */
final class TallyReader {

    private static final String METRICS = String.join(", ", Projection.METRICS);

    private final DatabaseClient db;
    private final Duration exportTimeout;

    TallyReader(DatabaseClient db, Duration exportTimeout) {
        this.db = db;
        this.exportTimeout = exportTimeout;
    }

    /** Distinct counts and key activities of a region or its children. */
    record Totals(long keyActivities, long orgUnits, long participants) {
        static final Totals ZERO = new Totals(0, 0, 0);
    }

    /** The region's own rows, by dimension then key (dimension "total" has the key ""). */
    Mono<Map<String, Map<String, Counts>>> region(UUID campaign, String code, LocalDate overdueBefore) {
        Map<String, Map<String, Counts>> result = new HashMap<>();
        return db.sql("SELECT dim, key, end_day, " + METRICS
                        + " FROM stats.tally WHERE campaign_id = :c AND region_code = :r")
                .bind("c", campaign)
                .bind("r", code)
                .map(row -> {
                    result.computeIfAbsent(row.get("dim", String.class), d -> new TreeMap<>())
                            .computeIfAbsent(row.get("key", String.class), k -> new Counts())
                            .add(row, overdueBefore);
                    return 1;
                })
                .all()
                .then(Mono.fromSupplier(() -> result));
    }

    /** The totals of each child region with activities, by code. */
    Mono<Map<String, Counts>> children(UUID campaign, String code, LocalDate overdueBefore) {
        Map<String, Counts> result = new HashMap<>();
        return db.sql("SELECT region_code, end_day, " + METRICS
                        + " FROM stats.tally WHERE campaign_id = :c AND parent_code = :r AND dim = 'total'")
                .bind("c", campaign)
                .bind("r", code)
                .map(row -> {
                    result.computeIfAbsent(row.get("region_code", String.class), k -> new Counts())
                            .add(row, overdueBefore);
                    return 1;
                })
                .all()
                .then(Mono.fromSupplier(() -> result));
    }

    /** Distinct counts of the region and its children, by code. */
    Mono<Map<String, Totals>> totals(UUID campaign, String code) {
        return db.sql("SELECT region_code, key_activities, org_units, participants FROM stats.region_total"
                        + " WHERE campaign_id = :c AND (region_code = :r OR parent_code = :r)")
                .bind("c", campaign)
                .bind("r", code)
                .map(row -> Map.entry(
                        row.get("region_code", String.class),
                        new Totals(
                                row.get("key_activities", Long.class),
                                row.get("org_units", Long.class),
                                row.get("participants", Long.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Key activities of every region of a level (by code length) inside {@code prefix}. */
    Mono<Map<String, Long>> keyActivities(UUID campaign, String prefix, int length) {
        return db.sql("SELECT region_code, key_activities FROM stats.region_total"
                        + " WHERE campaign_id = :c AND region_code LIKE :p AND length(region_code) = :len")
                .bind("c", campaign)
                .bind("p", prefix + "%")
                .bind("len", length)
                .map(row -> Map.entry(row.get("region_code", String.class), row.get("key_activities", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Check-ins of a region's children (totals only), by code. */
    Mono<Map<String, long[]>> checkIns(UUID campaign, String code) {
        return db.sql("SELECT region_code, sum(check_ins_onsite) AS onsite, sum(check_ins_online) AS online"
                        + " FROM stats.tally WHERE campaign_id = :c AND (parent_code = :r OR region_code = :r)"
                        + " AND dim = 'total' GROUP BY region_code")
                .bind("c", campaign)
                .bind("r", code)
                .map(row -> Map.entry(row.get("region_code", String.class), new long[] {
                    row.get("onsite", Number.class).longValue(),
                    row.get("online", Number.class).longValue()
                }))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Activities of a campaign in a region that are live at {@code at}. */
    Mono<Long> liveNow(UUID campaign, String code, Instant at) {
        return db.sql("SELECT count(*) AS n FROM stats.activity_fact WHERE status <> 'CANCELLED'"
                        + " AND ends_at > :at AND starts_at <= :at AND region_code LIKE :p AND campaign_id = :c")
                .bind("at", at)
                .bind("p", code + "%")
                .bind("c", campaign)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** The public activities of a campaign in a region, streamed in region and day order. */
    Flux<ActivityLine> lines(UUID campaign, String code, LocalDate overdueBefore) {
        return export("""
                        SELECT f.activity_id, a.title, a.organizer_name, f.region_code, f.status, f.format, f.start_day,
                          f.end_day, f.main_venue, f.evidence, f.check_ins_onsite, f.check_ins_online,
                          f.attendance_onsite, f.attendance_online, f.volunteers, f.recommended
                        FROM stats.activity_fact f JOIN activity.activity a ON a.id = f.activity_id
                        WHERE f.campaign_id = $1 AND f.region_code LIKE $2
                        ORDER BY f.region_code, f.start_day, f.activity_id
                        """, campaign, code + "%", row -> {
            String status = row.get("status", String.class);
            LocalDate endDay = row.get("end_day", LocalDate.class);
            EvidenceCompleteness evidence = EvidenceCompleteness.valueOf(row.get("evidence", String.class));
            if (evidence != EvidenceCompleteness.COMPLETE && endDay.isBefore(overdueBefore)) {
                evidence = EvidenceCompleteness.OVERDUE;
            }
            return new ActivityLine(
                    row.get("activity_id", UUID.class),
                    row.get("title", String.class),
                    row.get("organizer_name", String.class),
                    row.get("region_code", String.class),
                    status,
                    row.get("format", String.class),
                    row.get("start_day", LocalDate.class),
                    endDay,
                    Boolean.TRUE.equals(row.get("main_venue", Boolean.class)),
                    "CANCELLED".equals(status) ? null : evidence,
                    row.get("check_ins_onsite", Long.class),
                    row.get("check_ins_online", Long.class),
                    row.get("attendance_onsite", Long.class),
                    row.get("attendance_online", Long.class),
                    row.get("volunteers", Long.class),
                    Boolean.TRUE.equals(row.get("recommended", Boolean.class)));
        });
    }

    /** Recommendations of the campaign's activities in a region, best first. */
    Flux<Nominee> nominees(UUID campaign, String code) {
        return export(
                """
                        SELECT r.activity_id, a.title, a.organizer_name, a.region_code, r.level, r.note,
                          r.mobilization + r.scale + r.publicity + r.volunteers + r.joint_action + r.online_reach AS total
                        FROM activity.recommendation r JOIN stats.activity_fact f ON f.activity_id = r.activity_id
                        JOIN activity.activity a ON a.id = r.activity_id
                        WHERE f.campaign_id = $1 AND f.region_code LIKE $2 AND f.status <> 'CANCELLED'
                        ORDER BY total DESC, a.region_code, r.activity_id, r.level
                        """,
                campaign,
                code + "%",
                row -> new Nominee(
                        row.get("activity_id", UUID.class),
                        row.get("title", String.class),
                        row.get("organizer_name", String.class),
                        row.get("region_code", String.class),
                        row.get("level", String.class),
                        row.get("total", Integer.class),
                        row.get("note", String.class)));
    }

    /**
     * A query streamed to an export: its rows go out only as fast as the client reads the file, so it may run far
     * longer than the pool's per-statement limit (10 s), which would cut a province's file off mid-way. It runs
     * in a read-only transaction with its own limit ({@code exportTimeout}), on one connection held for the export.
     */
    private <T> Flux<T> export(String sql, UUID campaign, String prefix, Function<Row, T> mapper) {
        return db.inConnectionMany(connection -> Flux.usingWhen(
                Mono.just(connection),
                c -> Mono.from(c.beginTransaction(IsolationLevel.READ_COMMITTED))
                        .thenMany(Flux.from(c.createStatement("SET TRANSACTION READ ONLY")
                                        .execute())
                                .flatMap(Result::getRowsUpdated))
                        .thenMany(
                                Flux.from(c.createStatement("SET LOCAL statement_timeout = " + exportTimeout.toMillis())
                                                .execute())
                                        .flatMap(Result::getRowsUpdated))
                        .thenMany(Flux.from(c.createStatement(sql)
                                        .bind("$1", campaign)
                                        .bind("$2", prefix)
                                        .execute())
                                .flatMap(result -> result.map((row, meta) -> mapper.apply(row)))),
                Connection::commitTransaction,
                (c, error) -> c.rollbackTransaction(),
                Connection::rollbackTransaction));
    }
}
