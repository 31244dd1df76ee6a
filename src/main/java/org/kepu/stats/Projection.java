package org.kepu.stats;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.kepu.shared.outbox.Outbox;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Keeps the statistics tables in step with the other modules' tables. It follows {@code shared.outbox} past
 * a watermark (every activity change, evidence, recommendation and check-in batch writes a row there, and
 * {@link ActivityTallies} writes topic {@code stats}); for each changed activity it subtracts what the
 * activity contributed before, recomputes its fact from the truth and adds the new contribution, all in one
 * transaction under an advisory lock (one applier across instances). Recomputing is idempotent, so
 * reading a row twice is harmless; missing one is not, hence the gap rule in {@link #advance}.
 *
 * <p>Figures (see docs/stats.md): an activity counts once it is public (published, postponed or cancelled);
 * evidence, attendance, volunteers, recommendations and org units count only if it is not cancelled.
 */
final class Projection {

    static final String TOPIC = "stats";
    private static final long LOCK = 0x6b65_7075_0010L; // "kepu" + migration 10
    private static final String PUBLIC = "('PUBLISHED', 'POSTPONED', 'CANCELLED')";
    private static final String PREFIXES = "unnest(ARRAY[0, 2, 4, 6, 9])";

    /** The additive figures of stats.tally, in the order {@link TallyReader} reads them. */
    static final List<String> METRICS = List.of(
            "published",
            "main_venue",
            "online",
            "cancelled",
            "check_ins_onsite",
            "check_ins_online",
            "evidence_none",
            "evidence_partial",
            "evidence_complete",
            "attendance_onsite",
            "attendance_online",
            "volunteers",
            "recommended",
            "feedback_count",
            "feedback_sum",
            "live_peak",
            "live_unique");

    /** How each metric is summed over the facts of a group (before the sign). */
    private static final Map<String, String> SUMS = Map.ofEntries(
            Map.entry("published", "count(*)"),
            Map.entry("main_venue", "count(*) FILTER (WHERE main_venue)"),
            Map.entry("online", "count(*) FILTER (WHERE format <> 'ONSITE')"),
            Map.entry("cancelled", "count(*) FILTER (WHERE status = 'CANCELLED')"),
            Map.entry("check_ins_onsite", "sum(check_ins_onsite)"),
            Map.entry("check_ins_online", "sum(check_ins_online)"),
            Map.entry("evidence_none", "count(*) FILTER (WHERE status <> 'CANCELLED' AND evidence = 'NONE')"),
            Map.entry("evidence_partial", "count(*) FILTER (WHERE status <> 'CANCELLED' AND evidence = 'PARTIAL')"),
            Map.entry("evidence_complete", "count(*) FILTER (WHERE status <> 'CANCELLED' AND evidence = 'COMPLETE')"),
            Map.entry("attendance_onsite", "coalesce(sum(attendance_onsite) FILTER (WHERE status <> 'CANCELLED'), 0)"),
            Map.entry("attendance_online", "coalesce(sum(attendance_online) FILTER (WHERE status <> 'CANCELLED'), 0)"),
            Map.entry("volunteers", "coalesce(sum(volunteers) FILTER (WHERE status <> 'CANCELLED'), 0)"),
            Map.entry("recommended", "count(*) FILTER (WHERE recommended AND status <> 'CANCELLED')"),
            Map.entry("feedback_count", "sum(feedback_count)"),
            Map.entry("feedback_sum", "sum(feedback_sum)"),
            Map.entry("live_peak", "sum(live_peak)"),
            Map.entry("live_unique", "sum(live_unique)"));

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final int batch;
    private final Duration gapTimeout;
    /** When this instance first saw each outbox gap (an id not visible yet), by the id after it. */
    private final Map<Long, Long> gapsSeen = new ConcurrentHashMap<>();

    Projection(DatabaseClient db, TransactionalOperator tx, int batch, Duration gapTimeout) {
        this.db = db;
        this.tx = tx;
        this.batch = batch;
        this.gapTimeout = gapTimeout;
    }

    record Row(long id, String topic, String key) {}

    /** Applies one batch of outbox rows; emits true if the watermark moved and more may follow. */
    Mono<Boolean> applyOnce() {
        Mono<Boolean> work = db.sql("SELECT pg_advisory_xact_lock(:lock)")
                .bind("lock", LOCK)
                .then()
                .then(watermark())
                .flatMap(watermark -> db.sql(
                                "SELECT id, topic, key FROM shared.outbox WHERE id > :w ORDER BY id LIMIT :n")
                        .bind("w", watermark)
                        .bind("n", batch)
                        .map(row -> new Row(
                                row.get("id", Long.class),
                                row.get("topic", String.class),
                                row.get("key", String.class)))
                        .all()
                        .collectList()
                        .flatMap(rows -> {
                            if (rows.isEmpty()) {
                                return Mono.just(false);
                            }
                            long next = advance(watermark, rows);
                            List<UUID> ids = activityIds(rows);
                            List<Long> own = rows.stream()
                                    .filter(r -> r.id() <= next && TOPIC.equals(r.topic()))
                                    .map(Row::id)
                                    .toList();
                            return apply(ids)
                                    .then(db.sql("UPDATE stats.watermark SET outbox_id = :w WHERE name = 'outbox'")
                                            .bind("w", next)
                                            .then())
                                    .then(
                                            own.isEmpty()
                                                    ? Mono.empty()
                                                    : db.sql(
                                                                    "UPDATE shared.outbox SET processed_at = now() WHERE id = ANY(:ids)")
                                                            .bind("ids", own.toArray(Long[]::new))
                                                            .then())
                                    .thenReturn(next > watermark && rows.size() == batch);
                        }));
        return tx.transactional(work);
    }

    /** The last outbox id applied: statistics are done with every row up to it. */
    Mono<Long> watermark() {
        return db.sql("SELECT outbox_id FROM stats.watermark WHERE name = 'outbox'")
                .map(row -> row.get("outbox_id", Long.class))
                .one();
    }

    /** Applies everything the outbox holds now. */
    Mono<Void> applyAll() {
        return applyOnce().expand(more -> more ? applyOnce() : Mono.empty()).then();
    }

    /**
     * The new watermark: the last id before the first gap. Outbox ids come from a sequence, so a gap is a
     * transaction still in flight (its row will appear) or one rolled back (it never will); a gap older than
     * {@code gapTimeout} is taken as rolled back. Rows after a gap are applied now and again later.
     */
    long advance(long watermark, List<Row> rows) {
        long next = watermark;
        long now = System.nanoTime();
        for (Row row : rows) {
            if (row.id() != next + 1) {
                long first = gapsSeen.computeIfAbsent(row.id(), id -> now);
                if (now - first < gapTimeout.toNanos()) {
                    break;
                }
                gapsSeen.remove(row.id());
            }
            next = row.id();
        }
        long settled = next;
        gapsSeen.keySet().removeIf(id -> id <= settled);
        return next;
    }

    private static List<UUID> activityIds(List<Row> rows) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Row row : rows) {
            if (Outbox.ACTIVITY.equals(row.topic())
                    || Outbox.CHECK_IN.equals(row.topic())
                    || TOPIC.equals(row.topic())) {
                try {
                    ids.add(UUID.fromString(row.key()));
                } catch (IllegalArgumentException ignored) {
                    // not an activity id: nothing of ours
                }
            }
        }
        return List.copyOf(ids);
    }

    /**
     * Re-derives these activities: old contributions out, facts recomputed, new contributions in. An activity
     * that stays where its fact puts it keeps its check-in figures: carried over, plus its newest check-ins
     * not yet counted ({@link #attachNewest}); the others (new, moved, or whose counts do not add up) have every
     * check-in attached and counted again.
     */
    Mono<Void> apply(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        UUID[] array = ids.toArray(UUID[]::new);
        String only = "activity_id = ANY(:ids)";
        return placed(array).flatMap(this::attachNewest).flatMap(carried -> {
            UUID[] changed = ids.stream().filter(id -> !carried.containsKey(id)).toArray(UUID[]::new);
            return ids(db.sql(detach()), array)
                    .then()
                    .then(ids(db.sql(units(only, -1)), array).then())
                    .then(ids(db.sql(tally(only, -1)), array).then())
                    .then(ids(db.sql("DELETE FROM stats.activity_fact WHERE activity_id = ANY(:ids)"), array)
                            .then())
                    // carried facts first: counting a changed activity's participants reads where the
                    // participants' other attendees put them, through those attendees' facts
                    .then(carried.isEmpty() ? Mono.empty() : carriedFacts(carried))
                    .then(changed.length == 0 ? Mono.empty() : recounted(changed))
                    .then(ids(db.sql(tally(only, 1)), array).then())
                    .then(ids(db.sql(units(only, 1)), array).then());
        });
    }

    /**
     * Facts of {@code ids} with every check-in attached and counted from what is attached, so that a fact's
     * count is its attendees even when check-ins commit meanwhile ({@link #attachNewest} relies on it; a fact a
     * rebuild left a row short comes back here on its activity's next pass).
     */
    private Mono<Void> recounted(UUID[] ids) {
        return ids(db.sql(facts("a.id = ANY(:ids)", UNCOUNTED)), ids)
                .then()
                .then(ids(db.sql(attach("c.activity_id = ANY(:ids)")), ids).then())
                .then(ids(db.sql(recount("f.activity_id = ANY(:ids)")), ids).then());
    }

    /** Facts of the activities with these check-in counts, attached up to the given transaction ids. */
    private Mono<Void> carriedFacts(Map<UUID, Placed> counts) {
        return ids(db.sql(facts("a.id = ANY(:ids)", CARRIED)), counts.keySet().toArray(UUID[]::new))
                .bind("onsite", counts.values().stream().map(Placed::onsite).toArray(Long[]::new))
                .bind("online", counts.values().stream().map(Placed::online).toArray(Long[]::new))
                .bind("attached", counts.values().stream().map(Placed::attached).toArray(String[]::new))
                .then();
    }

    /**
     * A placed activity's fact: its check-in counts, the transaction id below which every check-in of it is
     * attached, and the check-in module's counter.
     */
    private record Placed(long onsite, long online, String attached, long counter) {

        long counted() {
            return onsite + online;
        }
    }

    /**
     * The activities among {@code ids} that stay where their fact puts them (public, same campaign and
     * region): their fact's check-in counts {onsite, online} and the check-in module's counter (kept in the
     * check-in's own transaction; check-ins are never deleted).
     */
    private Mono<Map<UUID, Placed>> placed(UUID[] ids) {
        return byActivity(ids(
                db.sql("SELECT f.activity_id, f.check_ins_onsite AS onsite, f.check_ins_online AS online,"
                        + " f.attached_tx::text AS attached, coalesce(k.check_ins, 0) AS counter"
                        + " FROM stats.activity_fact f JOIN activity.activity a ON a.id = f.activity_id"
                        + " LEFT JOIN checkin.activity_count k ON k.activity_id = f.activity_id"
                        + " WHERE f.activity_id = ANY(:ids) AND a.status IN " + PUBLIC
                        + " AND a.campaign_id = f.campaign_id AND a.region_code = f.region_code"),
                ids));
    }

    /** Rows of {@code activity_id, onsite, online, attached, counter} by activity, in the order read. */
    private static Mono<Map<UUID, Placed>> byActivity(DatabaseClient.GenericExecuteSpec spec) {
        return spec.map(row -> Map.entry(
                        row.get("activity_id", UUID.class),
                        new Placed(
                                row.get("onsite", Long.class),
                                row.get("online", Long.class),
                                row.get("attached", String.class),
                                row.get("counter", Long.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    /**
     * Attaches the check-ins of placed activities whose counter is ahead of their fact: those written by
     * transactions from the fact's {@code attached_tx} on, read as a range of the {@code (activity_id, tx)}
     * index, so a pass costs what arrived since the last one. Trying every check-in of the activity instead made
     * each pass over an activity with 40,000 check-ins try 40,000 rows. Emits the placed activities' facts after
     * it, attached up to the oldest transaction still running; one whose counts then do not add up to its
     * counter (the same statement's view of it) is left out, to be counted again in full.
     */
    private Mono<Map<UUID, Placed>> attachNewest(Map<UUID, Placed> placed) {
        Map<UUID, Placed> growing = new LinkedHashMap<>();
        placed.forEach((id, p) -> {
            if (p.counter() != p.counted()) {
                growing.put(id, p);
            }
        });
        if (growing.isEmpty()) {
            return Mono.just(placed);
        }
        // what was attached now, the new bound and the counter, as of the statement's snapshot
        return byActivity(ids(db.sql(ATTACH_NEW), growing.keySet().toArray(UUID[]::new))
                        .bind(
                                "since",
                                growing.values().stream().map(Placed::attached).toArray(String[]::new)))
                .map(arrived -> {
                    Map<UUID, Placed> carried = new LinkedHashMap<>();
                    placed.forEach((id, p) -> {
                        Placed a = arrived.get(id);
                        if (a == null) {
                            carried.put(id, p);
                            return;
                        }
                        Placed now =
                                new Placed(p.onsite() + a.onsite(), p.online() + a.online(), a.attached(), a.counter());
                        if (now.counted() == now.counter()) {
                            carried.put(id, now);
                        }
                    });
                    return carried;
                });
    }

    /** Recomputes every statistics table from the truth (deploys, repairs, benchmarks). */
    Mono<Void> rebuild() {
        Mono<Void> work = db.sql("SELECT pg_advisory_xact_lock(:lock)")
                .bind("lock", LOCK)
                .then()
                // bulk statements over every activity outlast the pool's per-statement limit
                .then(db.sql("SET LOCAL statement_timeout = '60min'").then())
                // rows near the end may belong to transactions still in flight: replayed after, harmlessly
                .then(db.sql("""
                                UPDATE stats.watermark
                                SET outbox_id = greatest(0, (SELECT coalesce(max(id), 0) FROM shared.outbox) - 10000)
                                WHERE name = 'outbox'
                                """).then())
                .then(db.sql("TRUNCATE stats.activity_fact, stats.tally, stats.region_total, stats.unit_presence,"
                                + " stats.attendee")
                        .then())
                // counted from the check-ins, not read back from the attendees (a join of every check-in:
                // 20 s more at 1.6 million); one committed between the two statements leaves its activity's
                // fact a row short, which its next pass finds (fewer new check-ins than missing) and recounts
                .then(db.sql(facts("true", SCANNED)).then())
                .then(db.sql(tally("true", 1)).then())
                .then(db.sql(units("true", 1)).then())
                .then(db.sql(attach("true")).then());
        return tx.transactional(work).then(applyAll());
    }

    private static DatabaseClient.GenericExecuteSpec ids(DatabaseClient.GenericExecuteSpec spec, UUID[] ids) {
        return spec.bind("ids", ids);
    }

    private static String parent(String column) {
        return "CASE length(" + column + ") WHEN 0 THEN NULL WHEN 2 THEN '' ELSE left(" + column + ", length(" + column
                + ") - CASE length(" + column + ") WHEN 9 THEN 3 ELSE 2 END) END";
    }

    /**
     * Every check-in of a transaction older than the oldest one still running is visible to this statement or
     * never will be: a later statement that attaches what it sees attaches every check-in below this bound.
     */
    private static final String SETTLED = "pg_snapshot_xmin(pg_current_snapshot())";

    /** Check-in counts read from the check-ins themselves (a rebuild; it attaches them next). */
    private static final String SCANNED = """
            LEFT JOIN LATERAL (
              SELECT count(*) FILTER (WHERE ch.channel = 'ONSITE') AS onsite,
                     count(*) FILTER (WHERE ch.channel = 'ONLINE') AS online,
            """ + "  " + SETTLED + """
             AS attached
              FROM checkin.check_in ch WHERE ch.activity_id = a.id) c ON true
            """;

    /** No check-in counts yet: they are set from what is attached next ({@link #recount}). */
    private static final String UNCOUNTED =
            "CROSS JOIN (SELECT NULL::bigint AS onsite, NULL::bigint AS online, " + SETTLED + " AS attached) c";

    /** Check-in counts carried over from the facts being replaced: arrays in the order of {@code :ids}. */
    private static final String CARRIED = """
            JOIN (SELECT activity_id, onsite, online, CAST(attached AS xid8) AS attached
                  FROM unnest(CAST(:ids AS uuid[]), CAST(:onsite AS bigint[]), CAST(:online AS bigint[]),
                              CAST(:attached AS text[])) AS u(activity_id, onsite, online, attached)) c
              ON c.activity_id = a.id
            """;

    /**
     * The facts of public activities matching {@code where} (on activity.activity a), from the truth; the
     * check-in counts as {@code counts} joins them ({@link #SCANNED}, {@link #UNCOUNTED} or {@link #CARRIED}).
     */
    private static String facts(String where, String counts) {
        return """
                INSERT INTO stats.activity_fact (activity_id, campaign_id, region_code, org_unit_id, status, format,
                  categories, audiences, main_venue, starts_at, ends_at, start_day, end_day, evidence,
                  attendance_onsite, attendance_online, volunteers, recommended, check_ins_onsite, check_ins_online,
                  feedback_count, feedback_sum, live_peak, live_unique, attached_tx)
                SELECT a.id, a.campaign_id, a.region_code, a.org_unit_id, a.status, a.format, a.categories, a.audiences,
                  a.main_venue, a.starts_at, a.ends_at,
                  (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date, (a.ends_at AT TIME ZONE 'Asia/Shanghai')::date,
                  CASE
                    WHEN e.activity_id IS NULL THEN 'NONE'
                    WHEN cardinality(e.photos) > 0 AND coalesce(btrim(e.summary), '') <> ''
                      AND (e.attendance_onsite IS NOT NULL OR e.attendance_online IS NOT NULL) THEN 'COMPLETE'
                    WHEN cardinality(e.photos) = 0 AND cardinality(e.videos) = 0 AND cardinality(e.news_links) = 0
                      AND coalesce(btrim(e.summary), '') = '' AND e.attendance_onsite IS NULL
                      AND e.attendance_online IS NULL AND e.volunteers IS NULL THEN 'NONE'
                    ELSE 'PARTIAL'
                  END,
                  coalesce(e.attendance_onsite, 0), coalesce(e.attendance_online, 0), coalesce(e.volunteers, 0),
                  EXISTS (SELECT 1 FROM activity.recommendation r WHERE r.activity_id = a.id),
                  coalesce(c.onsite, 0), coalesce(c.online, 0),
                  coalesce(s.feedback_count, 0), coalesce(s.feedback_sum, 0),
                  coalesce(s.live_peak, 0), coalesce(s.live_unique, 0), c.attached
                FROM activity.activity a
                LEFT JOIN activity.evidence e ON e.activity_id = a.id
                LEFT JOIN stats.activity_signal s ON s.activity_id = a.id
                """ + counts + " WHERE " + where + " AND a.status IN " + PUBLIC;
    }

    /** Adds ({@code sign} 1) or subtracts (-1) the contribution of the facts matching {@code where}. */
    static String tally(String where, int sign) {
        String metrics = String.join(", ", METRICS);
        String sums =
                METRICS.stream().map(m -> "(" + sign + ") * " + SUMS.get(m)).collect(Collectors.joining(", "));
        String updates =
                METRICS.stream().map(m -> m + " = t." + m + " + EXCLUDED." + m).collect(Collectors.joining(", "));
        return "WITH f AS (SELECT * FROM stats.activity_fact WHERE " + where + "),"
                + """
                 d AS (
                  SELECT f.*, 'total' AS dim, '' AS key FROM f
                  UNION ALL SELECT f.*, 'format', f.format FROM f
                  UNION ALL SELECT f.*, 'day', f.start_day::text FROM f
                  UNION ALL SELECT f.*, 'category', c FROM f CROSS JOIN unnest(f.categories) c
                  UNION ALL SELECT f.*, 'audience', x FROM f CROSS JOIN unnest(f.audiences) x),
                """
                + " x AS (SELECT d.*, left(d.region_code, l) AS region FROM d CROSS JOIN " + PREFIXES
                + " l WHERE l <= length(d.region_code))"
                + " INSERT INTO stats.tally AS t (campaign_id, region_code, parent_code, dim, key, end_day, " + metrics
                + ") SELECT campaign_id, region, " + parent("region") + ", dim, key, end_day, " + sums
                + " FROM x GROUP BY campaign_id, region, dim, key, end_day"
                + " ON CONFLICT (campaign_id, region_code, dim, key, end_day) DO UPDATE SET " + updates;
    }

    /**
     * Key activities and org units with key activities, per region: adds or subtracts the facts matching
     * {@code where}; a unit's count going from 0 to more (or back) moves the region's distinct count.
     */
    static String units(String where, int sign) {
        return "WITH delta AS (SELECT f.campaign_id, left(f.region_code, l) AS region_code, f.org_unit_id, (" + sign
                + ") * count(*) AS n FROM stats.activity_fact f CROSS JOIN " + PREFIXES + " l WHERE " + where
                + " AND f.status <> 'CANCELLED' AND l <= length(f.region_code) GROUP BY 1, 2, 3),"
                + """
                 up AS (
                  INSERT INTO stats.unit_presence AS p (campaign_id, region_code, org_unit_id, activities)
                  SELECT campaign_id, region_code, org_unit_id, n FROM delta
                  ON CONFLICT (campaign_id, region_code, org_unit_id) DO UPDATE SET activities = p.activities + EXCLUDED.activities
                  RETURNING p.campaign_id, p.region_code, p.org_unit_id, p.activities),
                 moved AS (
                  SELECT u.campaign_id, u.region_code, sum(d.n) AS activities,
                    sum((u.activities > 0)::int - ((u.activities - d.n) > 0)::int) AS units
                  FROM up u JOIN delta d ON d.campaign_id = u.campaign_id AND d.region_code = u.region_code
                    AND d.org_unit_id = u.org_unit_id
                  GROUP BY 1, 2)
                 INSERT INTO stats.region_total AS r (campaign_id, region_code, parent_code, key_activities, org_units)
                 SELECT campaign_id, region_code,\s"""
                + parent("region_code") + """
                , activities, units FROM moved
                 ON CONFLICT (campaign_id, region_code) DO UPDATE
                 SET key_activities = r.key_activities + EXCLUDED.key_activities, org_units = r.org_units + EXCLUDED.org_units
                """;
    }

    /**
     * Moves the distinct participant counts of {@code stats.region_total} by {@code sign} for the attendees
     * that {@code ctes} add or remove ({@code changed}, a CTE of {@link #placements}); {@code unchanged} (a CTE
     * of the same shape) holds where the same participants stay counted through their other attendees. A
     * participant counts once per campaign and region, however many attendees put it there, so only the
     * placements {@code changed} has and {@code unchanged} lacks move a count. Then runs {@code select} (which
     * may read the CTEs; empty: nothing to select).
     */
    private static String participants(String ctes, int sign, String select) {
        return "WITH " + ctes + ","
                + """
                 moved AS (
                  SELECT c.campaign_id, c.region_code, count(*) AS n FROM changed c
                  WHERE NOT EXISTS (SELECT 1 FROM unchanged u WHERE u.campaign_id = c.campaign_id
                    AND u.region_code = c.region_code AND u.participant_id = c.participant_id)
                  GROUP BY 1, 2),
                 totals AS (
                 INSERT INTO stats.region_total AS r (campaign_id, region_code, parent_code, participants)
                 SELECT campaign_id, region_code,\s""" + parent("region_code") + ", (" + sign + """
                ) * n FROM moved
                 ON CONFLICT (campaign_id, region_code) DO UPDATE SET participants = r.participants + EXCLUDED.participants
                 RETURNING 1)
                """
                + (select.isEmpty() ? " SELECT count(*) FROM totals" : select);
    }

    /**
     * Every region level (campaign, region, participant) that the attendees {@code t} of {@code from} put
     * their participant in, by their activity's fact.
     */
    private static String placements(String from) {
        return "SELECT DISTINCT g.campaign_id, left(g.region_code, l) AS region_code, t.participant_id FROM " + from
                + " JOIN stats.activity_fact g ON g.activity_id = t.activity_id CROSS JOIN " + PREFIXES
                + " l WHERE l <= length(g.region_code)";
    }

    /**
     * The placements of the attendees counted before, of the participants in CTE {@code who} (apart from
     * activities {@code except} selects): one index probe per participant ({@code OFFSET 0} keeps it a
     * per-participant lookup; a hash join would read every attendee).
     */
    private static String counted(String who, String except) {
        return placements("(SELECT DISTINCT participant_id FROM " + who + ") p CROSS JOIN LATERAL"
                + " (SELECT a.activity_id, a.participant_id FROM stats.attendee a WHERE a.participant_id = p.participant_id"
                + except + " OFFSET 0) t");
    }

    /** Check-ins not yet counted of activities with a fact (matching {@code where} on checkin.check_in c). */
    private static String attach(String where) {
        return arrivals(
                "added AS (INSERT INTO stats.attendee (activity_id, participant_id)"
                        + " SELECT c.activity_id, c.participant_id FROM checkin.check_in c"
                        + " JOIN stats.activity_fact f ON f.activity_id = c.activity_id WHERE " + where
                        + " ON CONFLICT DO NOTHING RETURNING activity_id, participant_id)",
                "");
    }

    /**
     * Attaches the check-ins of activities {@code :ids} written by transactions from {@code :since} on (their
     * facts' {@code attached_tx}, as text); selects per activity how many were attached by channel, its counter,
     * and the new bound ({@code attached}: every check-in below it is attached now), all as of one snapshot.
     * Check-ins of transactions newer than one still running are attached too, since they are visible; the next
     * pass reads them again from that bound (they are attendees already and do not count twice), so a long
     * transaction anywhere in the cluster makes passes re-read what arrived since it began, not stall counting.
     */
    private static final String ATTACH_NEW = arrivals(
            "s AS MATERIALIZED (SELECT " + SETTLED + " AS x),"
                    + " m AS MATERIALIZED (SELECT activity_id, CAST(since AS xid8) AS since"
                    + " FROM unnest(CAST(:ids AS uuid[]), CAST(:since AS text[])) AS m(activity_id, since)),"
                    // the channels come from the rows just read (x), not from a second probe of each check-in
                    + " x AS MATERIALIZED (SELECT c.activity_id, c.participant_id, c.channel FROM m"
                    + " CROSS JOIN LATERAL (SELECT c.activity_id, c.participant_id, c.channel FROM checkin.check_in c"
                    + " WHERE c.activity_id = m.activity_id AND c.tx >= m.since) c),"
                    + " added AS (INSERT INTO stats.attendee (activity_id, participant_id)"
                    + " SELECT activity_id, participant_id FROM x"
                    + " ON CONFLICT DO NOTHING RETURNING activity_id, participant_id)",
            """
             , found AS (SELECT a.activity_id, count(*) FILTER (WHERE x.channel = 'ONSITE') AS onsite,
                 count(*) FILTER (WHERE x.channel = 'ONLINE') AS online FROM added a
                 JOIN x ON x.activity_id = a.activity_id AND x.participant_id = a.participant_id GROUP BY 1)
             SELECT m.activity_id, coalesce(f.onsite, 0) AS onsite, coalesce(f.online, 0) AS online,
               coalesce((SELECT k.check_ins FROM checkin.activity_count k WHERE k.activity_id = m.activity_id), 0)
                 AS counter,
               s.x::text AS attached
             FROM m CROSS JOIN s LEFT JOIN found f ON f.activity_id = m.activity_id""");

    /**
     * Counts the participants of the attendees CTE {@code added} inserts (the statement's snapshot does not
     * see them, so {@code unchanged} is what was counted before).
     */
    private static String arrivals(String added, String select) {
        return participants(
                added + ", changed AS (" + placements("added t") + "), unchanged AS (" + counted("added", "") + ")",
                1,
                select);
    }

    /** Sets the check-in counts of the facts matching {@code where} (on stats.activity_fact f) to their attendees. */
    private static String recount(String where) {
        return """
                UPDATE stats.activity_fact AS t SET check_ins_onsite = x.onsite, check_ins_online = x.online
                FROM (SELECT f.activity_id,
                        count(c.participant_id) FILTER (WHERE c.channel = 'ONSITE') AS onsite,
                        count(c.participant_id) FILTER (WHERE c.channel = 'ONLINE') AS online
                      FROM stats.activity_fact f
                      LEFT JOIN stats.attendee a ON a.activity_id = f.activity_id
                      LEFT JOIN checkin.check_in c ON c.activity_id = a.activity_id AND c.participant_id = a.participant_id
                      WHERE\s""" + where + """
                 GROUP BY f.activity_id) x
                WHERE t.activity_id = x.activity_id
                """;
    }

    /**
     * Uncounts the check-ins of activities among {@code :ids} that stop being public or move to another
     * campaign or region (they are counted again, where they now belong, by {@link #attach}).
     */
    private static String detach() {
        return participants(
                "moved_facts AS (SELECT f.activity_id, f.campaign_id, f.region_code FROM stats.activity_fact f"
                        + " WHERE f.activity_id = ANY(:ids) AND NOT EXISTS (SELECT 1 FROM activity.activity a"
                        + " WHERE a.id = f.activity_id AND a.status IN " + PUBLIC
                        + " AND a.campaign_id = f.campaign_id AND a.region_code = f.region_code)),"
                        + " gone AS (DELETE FROM stats.attendee t USING moved_facts m WHERE t.activity_id = m.activity_id"
                        + " RETURNING t.activity_id, t.participant_id),"
                        // the snapshot still has the facts and attendees being removed: placed by the old facts
                        + " changed AS (" + placements("gone t") + "),"
                        + " unchanged AS ("
                        + counted("gone", " AND a.activity_id NOT IN (SELECT activity_id FROM moved_facts)") + ")",
                -1,
                "");
    }
}
