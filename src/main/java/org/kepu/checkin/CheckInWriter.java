package org.kepu.checkin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.kepu.shared.batch.GroupCommit;
import org.kepu.shared.ids.TimeOrderedIds;
import org.kepu.shared.outbox.Outbox;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Writes check-ins by group commit ({@link GroupCommit}): a batch is one {@code INSERT … ON
 * CONFLICT DO NOTHING RETURNING}, one lookup of the rows that existed already, and one outbox statement, in
 * one transaction. Each caller is answered only after the commit that contains its row, so an acknowledged
 * check-in is durable. The same transaction adds the new rows to {@code checkin.activity_count}, whose totals
 * then set the cached counts (see {@link CheckInCounts}).
 */
@Component
class CheckInWriter implements DisposableBean {

    /** Its own topic, not the activity's (see {@link Outbox#CHECK_IN}). */
    static final String OUTBOX_TOPIC = Outbox.CHECK_IN;

    /** What was stored for a (activity, participant) pair, and whether this caller created it. */
    record Recorded(UUID checkInId, Instant checkedInAt, boolean firstTime) {}

    private record CheckIn(UUID activity, UUID participant, Channel channel, Instant at) {}

    private record Pair(UUID activity, UUID participant) {}

    private static final Comparator<Pair> PAIR_ORDER =
            Comparator.comparing(Pair::activity).thenComparing(Pair::participant);

    private record Stored(UUID id, Instant at) {}

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final CheckInCounts counts;
    private final GroupCommit<CheckIn, Recorded> commits;

    CheckInWriter(
            DatabaseClient db,
            TransactionalOperator tx,
            Outbox outbox,
            CheckInCounts counts,
            CheckInProperties properties) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.counts = counts;
        this.commits = new GroupCommit<>(
                "check-in",
                new GroupCommit.Limits(
                        properties.batchMaxRows(),
                        properties.batchMaxWait(),
                        properties.batchWriters(),
                        properties.maxQueued()),
                this::write,
                CheckInBusy::new);
    }

    /** Queues one check-in; completes after the commit that contains it. */
    Mono<Recorded> record(UUID activity, UUID participant, Channel channel, Instant at) {
        return commits.submit(new CheckIn(activity, participant, channel, at));
    }

    private Mono<Void> write(List<GroupCommit.Request<CheckIn, Recorded>> batch) {
        // rows in key order: concurrent batches holding the same pairs (one participant's repeated scans) then
        // wait for each other on the unique key in the same order instead of deadlocking
        Map<Pair, List<GroupCommit.Request<CheckIn, Recorded>>> byPair = new TreeMap<>(PAIR_ORDER);
        for (GroupCommit.Request<CheckIn, Recorded> r : batch) {
            byPair.computeIfAbsent(new Pair(r.item().activity(), r.item().participant()), k -> new ArrayList<>())
                    .add(r);
        }
        Map<Pair, Stored> fresh = new HashMap<>();
        Map<Pair, Stored> existing = new HashMap<>();
        Map<UUID, Long> totals = new HashMap<>();
        Mono<Void> work = Mono.defer(() -> {
                    fresh.clear(); // a retried transaction starts over
                    existing.clear();
                    totals.clear();
                    return insert(byPair);
                })
                .doOnNext(fresh::putAll)
                .flatMap(inserted -> {
                    Set<Pair> missing = new LinkedHashSet<>(byPair.keySet());
                    missing.removeAll(inserted.keySet());
                    return lookup(missing).doOnNext(existing::putAll);
                })
                .then(Mono.defer(() -> outbox.appendAll(
                        OUTBOX_TOPIC,
                        fresh.keySet().stream()
                                .map(p -> p.activity().toString())
                                .collect(Collectors.toCollection(LinkedHashSet::new)))))
                // last before the commit: a venue's batches queue on its counter row until the one before commits
                .then(Mono.defer(() -> countNew(fresh.keySet()).doOnNext(totals::putAll)))
                .then();
        // the cached counts move before the answers, so a participant sees their own check-in counted
        return GroupCommit.retryRolledBack(tx.transactional(work))
                .then(Mono.defer(() -> counts.committed(totals)
                        // a committed check-in is answered even if the cache cannot follow
                        .onErrorResume(e -> Mono.empty())))
                .then(Mono.fromRunnable(() -> answer(byPair, fresh, existing)));
    }

    private static void answer(
            Map<Pair, List<GroupCommit.Request<CheckIn, Recorded>>> byPair,
            Map<Pair, Stored> fresh,
            Map<Pair, Stored> existing) {
        byPair.forEach((pair, callers) -> {
            Stored created = fresh.get(pair);
            Stored stored = created != null ? created : existing.get(pair);
            for (int i = 0; i < callers.size(); i++) {
                if (stored == null) {
                    callers.get(i).fail(new IllegalStateException("check-in row vanished"));
                } else {
                    // within a batch, the first caller of a pair is the one whose row was created
                    callers.get(i).answer(new Recorded(stored.id(), stored.at(), created != null && i == 0));
                }
            }
        });
    }

    /**
     * One statement text for every batch size: arrays bound as five parameters, so PostgreSQL prepares it once
     * per connection and the driver encodes five values, where a {@code VALUES} list of five parameters per row
     * was a new statement for each size, with up to a thousand parameters to encode. Rows go in key order.
     */
    private static final String INSERT = """
            INSERT INTO checkin.check_in (id, activity_id, participant_id, channel, checked_in_at)
            SELECT id, activity_id, participant_id, channel, checked_in_at
            FROM unnest(CAST(:ids AS uuid[]), CAST(:activities AS uuid[]), CAST(:participants AS uuid[]),
                        CAST(:channels AS text[]), CAST(:times AS timestamptz[]))
                 WITH ORDINALITY AS r(id, activity_id, participant_id, channel, checked_in_at, n)
            ORDER BY n
            ON CONFLICT (activity_id, participant_id) DO NOTHING
            RETURNING id, activity_id, participant_id, checked_in_at""";

    private static final String COUNT = """
            INSERT INTO checkin.activity_count (activity_id, check_ins)
            SELECT activity_id, n FROM unnest(CAST(:activities AS uuid[]), CAST(:counts AS bigint[]))
                 WITH ORDINALITY AS r(activity_id, n, i)
            ORDER BY i
            ON CONFLICT (activity_id) DO UPDATE SET check_ins = activity_count.check_ins + EXCLUDED.check_ins
            RETURNING activity_id, check_ins""";

    private static final String LOOKUP = """
            SELECT id, activity_id, participant_id, checked_in_at FROM checkin.check_in
            WHERE (activity_id, participant_id) IN
                  (SELECT * FROM unnest(CAST(:activities AS uuid[]), CAST(:participants AS uuid[])))""";

    private Mono<Map<Pair, Stored>> insert(Map<Pair, List<GroupCommit.Request<CheckIn, Recorded>>> byPair) {
        int size = byPair.size();
        UUID[] ids = new UUID[size];
        UUID[] activities = new UUID[size];
        UUID[] participants = new UUID[size];
        String[] channels = new String[size];
        Instant[] times = new Instant[size];
        int i = 0;
        for (List<GroupCommit.Request<CheckIn, Recorded>> callers : byPair.values()) {
            CheckIn first = callers.get(0).item();
            ids[i] = TimeOrderedIds.next(); // appended to the primary key's index, not scattered over it
            activities[i] = first.activity();
            participants[i] = first.participant();
            channels[i] = first.channel().name();
            times[i] = first.at();
            i++;
        }
        return rows(db.sql(INSERT)
                .bind("ids", ids)
                .bind("activities", activities)
                .bind("participants", participants)
                .bind("channels", channels)
                .bind("times", times));
    }

    /** Adds the new rows to the activities' counts (in activity order, as the rows); their totals after it. */
    private Mono<Map<UUID, Long>> countNew(Set<Pair> created) {
        if (created.isEmpty()) {
            return Mono.just(Map.of());
        }
        Map<UUID, Long> perActivity = new TreeMap<>();
        created.forEach(p -> perActivity.merge(p.activity(), 1L, Long::sum));
        return db.sql(COUNT)
                .bind("activities", perActivity.keySet().toArray(UUID[]::new))
                .bind("counts", perActivity.values().toArray(Long[]::new))
                .map(row -> Map.entry(row.get("activity_id", UUID.class), row.get("check_ins", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Map<Pair, Stored>> lookup(Set<Pair> pairs) {
        if (pairs.isEmpty()) {
            return Mono.just(Map.of());
        }
        return rows(db.sql(LOOKUP)
                .bind("activities", pairs.stream().map(Pair::activity).toArray(UUID[]::new))
                .bind("participants", pairs.stream().map(Pair::participant).toArray(UUID[]::new)));
    }

    private static Mono<Map<Pair, Stored>> rows(DatabaseClient.GenericExecuteSpec spec) {
        return spec.map(row -> Map.entry(
                        new Pair(row.get("activity_id", UUID.class), row.get("participant_id", UUID.class)),
                        new Stored(row.get("id", UUID.class), row.get("checked_in_at", Instant.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    @Override
    public void destroy() {
        commits.close();
    }
}
