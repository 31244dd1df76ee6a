package org.kepu.checkin;

import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.kepu.shared.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Group commit: concurrent check-ins wait at most {@code batchMaxWait} (or until {@code batchMaxRows} are
 * queued) and are written in one multi-row {@code INSERT … ON CONFLICT DO NOTHING RETURNING}, one lookup of
 * the rows that existed already, and one outbox statement, in one transaction. Each caller is answered only
 * after the commit that contains its row, so an acknowledged check-in is durable; one commit per batch instead
 * of one per check-in is where the throughput comes from. The same transaction adds the new rows to
 * {@code checkin.activity_count}, whose totals then set the cached counts (see {@link CheckInCounts}).
 */
@Component
class CheckInWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CheckInWriter.class);
    static final String OUTBOX_TOPIC = "activity";

    /** What was stored for a (activity, participant) pair, and whether this caller created it. */
    record Recorded(UUID checkInId, Instant checkedInAt, boolean firstTime) {}

    private record Pending(UUID activity, UUID participant, Channel channel, Instant at, Sinks.One<Recorded> reply) {}

    private record Pair(UUID activity, UUID participant) {}

    private static final Comparator<Pair> PAIR_ORDER =
            Comparator.comparing(Pair::activity).thenComparing(Pair::participant);

    private record Stored(UUID id, Instant at) {}

    private final Sinks.Many<Pending> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final CheckInCounts counts;
    private final Disposable drain;
    private final int maxQueued;
    /** Check-ins queued or being written; bounded by {@code maxQueued}. */
    private final AtomicInteger waiting = new AtomicInteger();

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
        this.maxQueued = properties.maxQueued();
        // fair backpressure: the plain bufferTimeout overflows when the writers are busy (reactor-core #3012)
        this.drain = queue.asFlux()
                .bufferTimeout(properties.batchMaxRows(), properties.batchMaxWait(), true)
                .flatMap(this::write, properties.batchWriters())
                .subscribe();
    }

    /** Queues one check-in; completes after the commit that contains it. */
    Mono<Recorded> record(UUID activity, UUID participant, Channel channel, Instant at) {
        return Mono.defer(() -> {
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                return Mono.error(new CheckInBusy());
            }
            Sinks.One<Recorded> reply = Sinks.one();
            Sinks.EmitResult result = emit(new Pending(activity, participant, channel, at, reply));
            if (!result.isSuccess()) {
                waiting.decrementAndGet();
                return Mono.error(() -> new IllegalStateException("check-in queue refused: " + result));
            }
            return reply.asMono();
        });
    }

    /** Serialized: the unicast sink allows one producer at a time, and requests arrive on many threads. */
    private synchronized Sinks.EmitResult emit(Pending pending) {
        return queue.tryEmitNext(pending);
    }

    private Mono<Void> write(List<Pending> batch) {
        // rows in key order: concurrent batches holding the same pairs (one participant's repeated scans) then
        // wait for each other on the unique key in the same order instead of deadlocking
        Map<Pair, List<Pending>> byPair = new TreeMap<>(PAIR_ORDER);
        for (Pending p : batch) {
            byPair.computeIfAbsent(new Pair(p.activity(), p.participant()), k -> new ArrayList<>())
                    .add(p);
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
                .then(Mono.defer(() -> countNew(fresh.keySet()).doOnNext(totals::putAll)))
                .then(Mono.defer(() -> outbox.appendAll(
                        OUTBOX_TOPIC,
                        fresh.keySet().stream()
                                .map(p -> p.activity().toString())
                                .collect(Collectors.toCollection(LinkedHashSet::new)))));
        // the cached counts move before the answers, so a participant sees their own check-in counted
        return tx.transactional(work)
                // the whole transaction rolled back, so it can run again; callers wait a little longer
                .retryWhen(Retry.backoff(3, Duration.ofMillis(5)).filter(CheckInWriter::retryable))
                .then(Mono.defer(() -> counts.committed(totals)
                        // a committed check-in is answered even if the cache cannot follow
                        .onErrorResume(e -> Mono.empty())))
                .then(Mono.<Void>fromRunnable(() -> answer(byPair, fresh, existing)))
                .onErrorResume(e -> {
                    log.warn("check-in batch of {} failed: {}", batch.size(), e.toString());
                    batch.forEach(p -> p.reply().tryEmitError(e));
                    return Mono.empty();
                })
                .doFinally(signal -> waiting.addAndGet(-batch.size()));
    }

    /** A deadlock or serialization failure: PostgreSQL rolled the transaction back and asks for a retry. */
    static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r2dbc
                    && ("40P01".equals(r2dbc.getSqlState()) || "40001".equals(r2dbc.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    private static void answer(Map<Pair, List<Pending>> byPair, Map<Pair, Stored> fresh, Map<Pair, Stored> existing) {
        byPair.forEach((pair, callers) -> {
            Stored created = fresh.get(pair);
            Stored stored = created != null ? created : existing.get(pair);
            for (int i = 0; i < callers.size(); i++) {
                Sinks.One<Recorded> reply = callers.get(i).reply();
                if (stored == null) {
                    reply.tryEmitError(new IllegalStateException("check-in row vanished"));
                } else {
                    // within a batch, the first caller of a pair is the one whose row was created
                    reply.tryEmitValue(new Recorded(stored.id(), stored.at(), created != null && i == 0));
                }
            }
        });
    }

    private Mono<Map<Pair, Stored>> insert(Map<Pair, List<Pending>> byPair) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO checkin.check_in (id, activity_id, participant_id, channel, checked_in_at) VALUES ");
        List<Object> values = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Pair, List<Pending>> entry : byPair.entrySet()) {
            Pending first = entry.getValue().get(0);
            sql.append(i == 0 ? "" : ", ")
                    .append("(:i")
                    .append(i)
                    .append(", :a")
                    .append(i)
                    .append(", :p")
                    .append(i)
                    .append(", :c")
                    .append(i)
                    .append(", :t")
                    .append(i)
                    .append(')');
            values.add(UUID.randomUUID());
            values.add(first.activity());
            values.add(first.participant());
            values.add(first.channel().name());
            values.add(first.at());
            i++;
        }
        sql.append(" ON CONFLICT (activity_id, participant_id) DO NOTHING"
                + " RETURNING id, activity_id, participant_id, checked_in_at");
        // one bindValues: each bind(name, value) copies every binding so far, quadratic in the batch size
        // (a 200-row batch made 1,000 copies of up to 1,000 entries: the top of the check-in profile)
        Map<String, Object> bindings = new HashMap<>();
        String[] names = {"i", "a", "p", "c", "t"};
        for (int row = 0; row < i; row++) {
            for (int col = 0; col < names.length; col++) {
                bindings.put(names[col] + row, values.get(row * names.length + col));
            }
        }
        return rows(db.sql(sql.toString()).bindValues(bindings));
    }

    /** Adds the new rows to the activities' counts (in activity order, as the rows); their totals after it. */
    private Mono<Map<UUID, Long>> countNew(Set<Pair> created) {
        if (created.isEmpty()) {
            return Mono.just(Map.of());
        }
        Map<UUID, Long> perActivity = new TreeMap<>();
        created.forEach(p -> perActivity.merge(p.activity(), 1L, Long::sum));
        StringBuilder sql = new StringBuilder("INSERT INTO checkin.activity_count (activity_id, check_ins) VALUES ");
        Map<String, Object> bindings = new HashMap<>();
        int i = 0;
        for (Map.Entry<UUID, Long> e : perActivity.entrySet()) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:a")
                    .append(i)
                    .append(", :n")
                    .append(i)
                    .append(')');
            bindings.put("a" + i, e.getKey());
            bindings.put("n" + i, e.getValue());
            i++;
        }
        sql.append(" ON CONFLICT (activity_id) DO UPDATE SET check_ins = activity_count.check_ins"
                + " + EXCLUDED.check_ins RETURNING activity_id, check_ins");
        return db.sql(sql.toString())
                .bindValues(bindings)
                .map(row -> Map.entry(row.get("activity_id", UUID.class), row.get("check_ins", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Map<Pair, Stored>> lookup(Set<Pair> pairs) {
        if (pairs.isEmpty()) {
            return Mono.just(Map.of());
        }
        StringBuilder sql =
                new StringBuilder("SELECT id, activity_id, participant_id, checked_in_at FROM checkin.check_in"
                        + " WHERE (activity_id, participant_id) IN (");
        int i = 0;
        for (Pair ignored : pairs) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:a")
                    .append(i)
                    .append(", :p")
                    .append(i)
                    .append(')');
            i++;
        }
        Map<String, Object> bindings = new HashMap<>();
        i = 0;
        for (Pair pair : pairs) {
            bindings.put("a" + i, pair.activity());
            bindings.put("p" + i, pair.participant());
            i++;
        }
        return rows(db.sql(sql.append(')').toString()).bindValues(bindings));
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
        queue.tryEmitComplete();
        drain.dispose();
    }
}
