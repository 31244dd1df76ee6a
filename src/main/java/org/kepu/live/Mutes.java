package org.kepu.live;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Participants muted in one activity's chat; in PostgreSQL, so a mute outlives a Redis restart. */
@Component
class Mutes {

    private final DatabaseClient db;

    Mutes(DatabaseClient db) {
        this.db = db;
    }

    Mono<Boolean> isMuted(UUID activity, UUID participant) {
        return db.sql("SELECT 1 FROM live.mute WHERE activity_id = :a AND participant_id = :p")
                .bind("a", activity)
                .bind("p", participant)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    Mono<Void> mute(UUID activity, UUID participant, String by, Instant at) {
        return db.sql("INSERT INTO live.mute (activity_id, participant_id, muted_by, muted_at)"
                        + " VALUES (:a, :p, :by, :at) ON CONFLICT DO NOTHING")
                .bind("a", activity)
                .bind("p", participant)
                .bind("by", by)
                .bind("at", at)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
