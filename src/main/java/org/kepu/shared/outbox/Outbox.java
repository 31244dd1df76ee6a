package org.kepu.shared.outbox;

import java.time.Clock;
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
}
