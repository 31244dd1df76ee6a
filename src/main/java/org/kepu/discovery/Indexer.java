package org.kepu.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityService;
import org.kepu.activity.ActivitySummaries;
import org.kepu.shared.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the index in step with PostgreSQL. It claims outbox rows with {@code FOR UPDATE SKIP LOCKED} (so
 * several app instances share the work without doing it twice), reloads the current state of those
 * activities, and upserts the public ones and deletes the rest, versioned by the outbox id so that a late
 * or repeated delivery never overwrites newer data. When Elasticsearch is unreachable the rows simply stay
 * pending (an outage must not use up their attempts); when it answers but refuses items, the rows are
 * retried, and after {@link #MAX_ATTEMPTS} refusals marked dead, shown in health, metrics and the admin API.
 */
final class Indexer {

    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    static final int BATCH = 500;
    static final int MAX_ATTEMPTS = 10;
    private static final int LOADS_IN_FLIGHT = 2;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final ActivityService activities;
    private final ActivitySummaries summaries;
    private final ActivityDocuments documents;
    private final SearchIndex index;

    Indexer(
            DatabaseClient db,
            TransactionalOperator tx,
            ActivityService activities,
            ActivitySummaries summaries,
            ActivityDocuments documents,
            SearchIndex index) {
        this.db = db;
        this.tx = tx;
        this.activities = activities;
        this.summaries = summaries;
        this.documents = documents;
        this.index = index;
    }

    private record Row(long id, String key) {}

    /** Topics whose rows reindex their activity: its own changes, and check-in counts (taken less often). */
    private static final String CONTENT = Outbox.ACTIVITY;

    private static final String COUNTS = Outbox.CHECK_IN;
    private static final String TOPICS = "('" + CONTENT + "', '" + COUNTS + "')";

    /**
     * Processes one batch of pending outbox rows, with the check-in counts' rows too when {@code counts};
     * emits how many it claimed.
     */
    Mono<Integer> drainOnce(boolean counts) {
        AtomicReference<List<Long>> claimed = new AtomicReference<>(List.of());
        Mono<Integer> work = db.sql("""
                        SELECT id, key FROM shared.outbox
                        WHERE topic = ANY(:topics) AND processed_at IS NULL AND NOT dead
                        ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED
                        """)
                .bind("topics", counts ? new String[] {CONTENT, COUNTS} : new String[] {CONTENT})
                .bind("batch", BATCH)
                .map(row -> new Row(row.get("id", Long.class), row.get("key", String.class)))
                .all()
                .collectList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Mono.just(0);
                    }
                    claimed.set(rows.stream().map(Row::id).toList());
                    Map<String, Long> versions = new HashMap<>();
                    rows.forEach(r -> versions.merge(r.key(), r.id(), Math::max));
                    return write(index.alias(), versions)
                            .then(db.sql("UPDATE shared.outbox SET processed_at = now() WHERE id = ANY(:ids)")
                                    .bind("ids", claimed.get().toArray(Long[]::new))
                                    .then())
                            .thenReturn(rows.size());
                });
        return tx.transactional(work)
                .onErrorResume(
                        SearchIndex.IndexingRejected.class,
                        e -> recordFailure(claimed.get(), e).thenReturn(0));
    }

    /** Drains until the outbox has nothing pending (of those topics); emits how many rows were processed. */
    Mono<Integer> drainAll(boolean counts) {
        return drainOnce(counts)
                .expand(n -> n == BATCH ? drainOnce(counts) : Mono.empty())
                .reduce(0, Integer::sum);
    }

    /** Reindexes exactly these activities into {@code target}, each with its version. */
    Mono<Void> write(String target, Map<String, Long> versions) {
        List<UUID> ids = versions.keySet().stream().map(UUID::fromString).toList();
        return activities.byIds(ids).collectList().flatMap(found -> {
            List<Activity> visible = found.stream().filter(Activity::isPublic).toList();
            List<String> deletes = new ArrayList<>(versions.keySet());
            visible.forEach(a -> deletes.remove(a.id().toString()));
            return summaries
                    .summaries(visible)
                    .publishOn(Schedulers.boundedElastic()) // Chinese analysis off the event loop
                    .map(list -> {
                        Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
                        for (int i = 0; i < visible.size(); i++) {
                            docs.put(visible.get(i).id().toString(), documents.document(visible.get(i), list.get(i)));
                        }
                        return docs;
                    })
                    .flatMap(docs -> index.bulk(target, docs, versions, deletes));
        });
    }

    /**
     * Loads every public activity into {@code target} at version {@code snapshot} (the newest outbox id when
     * the load began), in batches.
     */
    Mono<Long> load(String target, long snapshot) {
        // keyset pages, each its own short statement: one cursor over every activity would outlive the
        // statement timeout while Elasticsearch takes the documents (seen at 100,000 activities)
        return activities
                .publicIds(FIRST, BATCH)
                .collectList()
                .expand(ids -> ids.size() < BATCH
                        ? Mono.empty()
                        : activities.publicIds(ids.get(ids.size() - 1), BATCH).collectList())
                // two pages in flight: one is read and analysed while Elasticsearch takes the other
                .flatMap(
                        ids -> {
                            Map<String, Long> versions = new HashMap<>();
                            ids.forEach(id -> versions.put(id.toString(), snapshot));
                            return ids.isEmpty()
                                    ? Mono.just(0)
                                    : write(target, versions).thenReturn(ids.size());
                        },
                        LOADS_IN_FLIGHT)
                .reduce(0L, Long::sum);
    }

    private static final UUID FIRST = new UUID(0, 0);

    Mono<Long> newestOutboxId() {
        return db.sql("SELECT coalesce(max(id), 0) AS id FROM shared.outbox")
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /** Replays every outbox row after {@code snapshot} into {@code target} (already processed or not). */
    Mono<Void> replaySince(String target, long snapshot) {
        return db.sql("SELECT key, max(id) AS id FROM shared.outbox WHERE topic IN " + TOPICS
                        + " AND id > :since GROUP BY key")
                .bind("since", snapshot)
                .map(row -> Map.entry(row.get("key", String.class), row.get("id", Long.class)))
                .all()
                .buffer(BATCH)
                .concatMap(entries -> {
                    Map<String, Long> versions = new HashMap<>();
                    entries.forEach(e -> versions.put(e.getKey(), e.getValue()));
                    return write(target, versions);
                })
                .then();
    }

    private Mono<Void> recordFailure(List<Long> ids, Throwable error) {
        log.warn("indexing {} outbox rows failed, will retry: {}", ids.size(), error.toString());
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        UPDATE shared.outbox SET attempts = attempts + 1, last_error = :error,
                          dead = attempts + 1 >= :max
                        WHERE id = ANY(:ids)
                        """)
                .bind(
                        "error",
                        String.valueOf(error.getMessage())
                                .substring(
                                        0,
                                        Math.min(
                                                500,
                                                String.valueOf(error.getMessage())
                                                        .length())))
                .bind("max", MAX_ATTEMPTS)
                .bind("ids", ids.toArray(Long[]::new))
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    /**
     * Pending and dead outbox rows and the age of the oldest pending one (index lag). Pending is the
     * activities' own changes: check-in counts wait up to {@link IndexFollower#COUNTS_EVERY} by design.
     */
    record Lag(long pending, long dead, Duration oldest) {}

    Mono<Lag> lag() {
        // each figure from its partial index: processed rows (most of the table) are never scanned
        String pending = "FROM shared.outbox WHERE topic = '" + CONTENT + "' AND processed_at IS NULL AND NOT dead";
        return db.sql("SELECT (SELECT count(*) " + pending + ") AS pending,"
                        + " (SELECT count(*) FROM shared.outbox WHERE topic IN " + TOPICS + " AND dead) AS dead,"
                        + " coalesce(extract(epoch FROM now() - (SELECT min(created_at) " + pending + ")), 0) AS lag")
                .map(row ->
                        new Lag(row.get("pending", Long.class), row.get("dead", Long.class), Duration.ofMillis((long)
                                (row.get("lag", Number.class).doubleValue() * 1000))))
                .one();
    }

    /** Outbox rows not yet indexed, check-in counts included. */
    Mono<Long> unindexed() {
        return db.sql("SELECT count(*) AS n FROM shared.outbox WHERE topic IN " + TOPICS
                        + " AND processed_at IS NULL AND NOT dead")
                .map(row -> row.get("n", Long.class))
                .one();
    }

    Flux<IndexStatus.DeadLetter> deadLetters(int limit) {
        return db.sql("SELECT id, key, attempts, last_error FROM shared.outbox WHERE topic IN " + TOPICS
                        + " AND dead ORDER BY id LIMIT :limit")
                .bind("limit", limit)
                .map(row -> new IndexStatus.DeadLetter(
                        row.get("id", Long.class),
                        row.get("key", String.class),
                        row.get("attempts", Integer.class),
                        row.get("last_error", String.class)))
                .all();
    }

    /** Puts every dead row back in the queue with fresh attempts (after the cause was fixed). */
    Mono<Long> retryDead() {
        return db.sql("UPDATE shared.outbox SET dead = false, attempts = 0 WHERE topic IN " + TOPICS + " AND dead")
                .fetch()
                .rowsUpdated();
    }

    static Flux<Long> ticks(Duration every) {
        return Flux.interval(every).onBackpressureDrop();
    }
}
