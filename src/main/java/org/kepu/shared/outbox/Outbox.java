package org.kepu.shared.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Changes that derived stores (the search index, statistics) must not miss. A module appends a row in the
 * same transaction as its change, so the change and the notice are committed together; consumers claim
 * rows later ({@code FOR UPDATE SKIP LOCKED}) and reload the current state, so duplicates and reordering
 * are harmless.
 */
@Component
public class Outbox {

    /** An activity changed: search reindexes it, statistics recompute its fact. */
    public static final String ACTIVITY = "activity";

    /**
     * An activity has new check-ins: statistics attach them at once; search takes their count every few
     * seconds rather than reindexing a busy venue's activity after every batch.
     */
    public static final String CHECK_IN = "check-in";

    private final DatabaseClient db;
    private final Clock clock;

    Outbox(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Notes that the aggregate {@code key} of {@code topic} changed (e.g. topic {@code activity}, key its id).
     */
    public Mono<Void> append(String topic, String key) {
        return db.sql("INSERT INTO shared.outbox (topic, key, created_at) VALUES (:topic, :key, :at)")
                .bind("topic", topic)
                .bind("key", key)
                .bind("at", clock.instant())
                .then();
    }

    /**
     * Notes several changed aggregates of one topic in one statement, for writers that batch their changes
     * (check-in group commit); a no-op for no keys.
     */
    public Mono<Void> appendAll(String topic, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Mono.empty();
        }
        List<String> list = List.copyOf(keys);
        StringBuilder sql = new StringBuilder("INSERT INTO shared.outbox (topic, key, created_at) VALUES ");
        for (int i = 0; i < list.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:topic, :k").append(i).append(", :at)");
        }
        Instant at = clock.instant();
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(sql.toString()).bind("topic", topic).bind("at", at);
        for (int i = 0; i < list.size(); i++) {
            spec = spec.bind("k" + i, list.get(i));
        }
        return spec.then();
    }

    /**
     * Deletes rows every consumer is done with: processed (by the search indexer, or by statistics for its own
     * topic) longer than {@code retention} ago by the database's clock, which stamps them, and at or below
     * {@code upTo}, the statistics watermark (statistics read every row). Pending and dead rows stay. Keep
     * {@code retention} longer than a search rebuild takes: a rebuild replays the rows written since its
     * snapshot, processed or not. Emits how many were deleted, at most {@code limit}.
     */
    public Mono<Long> purge(Duration retention, long upTo, int limit) {
        return db.sql("""
                        DELETE FROM shared.outbox WHERE id IN (
                          SELECT id FROM shared.outbox
                          WHERE id <= :upTo AND processed_at < now() - make_interval(secs => :seconds)
                          ORDER BY id LIMIT :limit)
                        """)
                .bind("upTo", upTo)
                .bind("seconds", retention.toMillis() / 1000.0)
                .bind("limit", limit)
                .fetch()
                .rowsUpdated();
    }
}
