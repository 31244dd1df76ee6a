package org.kepu.checkin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} records in PostgreSQL, scoped by participant (so a guessed key never replays
 * someone else's answer). A key is claimed ({@code IN_PROGRESS}, locked for a while) before the check-in
 * runs and completed with the answer before the answer is sent, so an acknowledged answer survives restarts.
 * A failed attempt releases its claim; a claim left by a crash is taken over once its lock runs out.
 */
@Component
class IdempotencyKeys {

    static final Duration LOCK = Duration.ofSeconds(30);

    /** Either a replay of the stored answer, or a fresh claim (empty). */
    record Claim(Optional<CheckInReceipt> replay) {}

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration ttl;

    IdempotencyKeys(DatabaseClient db, Clock clock, CheckInProperties properties) {
        this.db = db;
        this.clock = clock;
        this.ttl = properties.idempotencyTtl();
    }

    Mono<Claim> claim(UUID participant, String key, String hash) {
        Instant now = clock.instant();
        return db.sql("INSERT INTO checkin.idempotency_key"
                        + " (participant_id, key, request_hash, state, created_at, locked_until)"
                        + " VALUES (:p, :k, :h, 'IN_PROGRESS', :now, :until) ON CONFLICT DO NOTHING")
                .bind("p", participant)
                .bind("k", key)
                .bind("h", hash)
                .bind("now", now)
                .bind("until", now.plus(LOCK))
                .fetch()
                .rowsUpdated()
                .flatMap(inserted ->
                        inserted > 0 ? Mono.just(new Claim(Optional.empty())) : existing(participant, key, hash, now));
    }

    private Mono<Claim> existing(UUID participant, String key, String hash, Instant now) {
        return db.sql("SELECT request_hash, state, check_in_id, checked_in_at, first_time, locked_until"
                        + " FROM checkin.idempotency_key WHERE participant_id = :p AND key = :k")
                .bind("p", participant)
                .bind("k", key)
                .map(row -> new Record(
                        row.get("request_hash", String.class),
                        row.get("state", String.class),
                        row.get("check_in_id", UUID.class),
                        row.get("checked_in_at", Instant.class),
                        row.get("first_time", Boolean.class),
                        row.get("locked_until", Instant.class)))
                .one()
                .flatMap(record -> decide(record, participant, key, hash, now))
                // released between our insert and this read: start again
                .switchIfEmpty(Mono.defer(() -> claim(participant, key, hash)));
    }

    private Mono<Claim> decide(Record record, UUID participant, String key, String hash, Instant now) {
        boolean done = record.state().equals("DONE");
        if (!done && record.lockedUntil().isAfter(now)) {
            // its body is compared once it has an answer to compare against
            return Mono.error(new IdempotencyKeyInFlight());
        }
        if (!record.hash().equals(hash)) {
            return Mono.error(new IdempotencyKeyReused());
        }
        return done
                ? Mono.just(new Claim(Optional.of(new CheckInReceipt(
                        record.checkInId(), record.checkedInAt(), Boolean.TRUE.equals(record.firstTime()), true))))
                : takeOver(participant, key, record.lockedUntil(), now);
    }

    /** A claim whose owner crashed: take it over, unless another retry was quicker. */
    private Mono<Claim> takeOver(UUID participant, String key, Instant lockedUntil, Instant now) {
        return db.sql("UPDATE checkin.idempotency_key SET locked_until = :until"
                        + " WHERE participant_id = :p AND key = :k AND state = 'IN_PROGRESS' AND locked_until = :old")
                .bind("until", now.plus(LOCK))
                .bind("p", participant)
                .bind("k", key)
                .bind("old", lockedUntil)
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated > 0
                        ? Mono.just(new Claim(Optional.empty()))
                        : Mono.error(new IdempotencyKeyInFlight()));
    }

    Mono<Void> complete(UUID participant, String key, CheckInReceipt receipt) {
        return db.sql("UPDATE checkin.idempotency_key SET state = 'DONE', check_in_id = :id, checked_in_at = :at,"
                        + " first_time = :first WHERE participant_id = :p AND key = :k")
                .bind("id", receipt.checkInId())
                .bind("at", receipt.checkedInAt())
                .bind("first", receipt.firstTime())
                .bind("p", participant)
                .bind("k", key)
                .then();
    }

    /** Frees the key after a failed attempt, so the client may retry it (e.g. once check-in opens). */
    Mono<Void> release(UUID participant, String key) {
        return db.sql("DELETE FROM checkin.idempotency_key"
                        + " WHERE participant_id = :p AND key = :k AND state = 'IN_PROGRESS'")
                .bind("p", participant)
                .bind("k", key)
                .then();
    }

    /** Deletes records older than the lifetime, a bounded number at a time; returns how many. */
    Mono<Long> purge() {
        return db.sql("DELETE FROM checkin.idempotency_key WHERE ctid IN (SELECT ctid FROM checkin.idempotency_key"
                        + " WHERE created_at < :before LIMIT 10000)")
                .bind("before", clock.instant().minus(ttl))
                .fetch()
                .rowsUpdated();
    }

    private record Record(
            String hash, String state, UUID checkInId, Instant checkedInAt, Boolean firstTime, Instant lockedUntil) {}
}
