package org.kepu.feedback;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Feedback rows and reports in PostgreSQL (schema {@code feedback}). */
@Component
class FeedbackRepository {

    private static final String COLUMNS =
            "id, activity_id, rating, tags, comment, state, reports, reply, replied_at," + " created_at, updated_at";

    /** A keyset position: feedback is listed newest first, ties broken by id. */
    record Position(Instant createdAt, UUID id) {}

    private final DatabaseClient db;

    FeedbackRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<FeedbackDetails> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM feedback.feedback WHERE id = :id")
                .bind("id", id)
                .map(FeedbackRepository::details)
                .one();
    }

    /** The row, locked until the end of the transaction. */
    Mono<FeedbackDetails> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM feedback.feedback WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(FeedbackRepository::details)
                .one();
    }

    /**
     * Serializes one participant's saves on one activity until the end of the transaction (two first saves at
     * once would otherwise both insert); other participants are not held up.
     */
    Mono<Void> lockParticipant(UUID activity, UUID participant) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))")
                .bind("k", "feedback|" + activity + "|" + participant)
                .then();
    }

    /** The participant's feedback on the activity, its row locked until the end of the transaction. */
    Mono<FeedbackDetails> lockOf(UUID activity, UUID participant) {
        return db.sql("SELECT " + COLUMNS + " FROM feedback.feedback WHERE activity_id = :a AND participant_id = :p"
                        + " FOR UPDATE")
                .bind("a", activity)
                .bind("p", participant)
                .map(FeedbackRepository::details)
                .one();
    }

    Mono<FeedbackDetails> of(UUID activity, UUID participant) {
        return db.sql("SELECT " + COLUMNS + " FROM feedback.feedback WHERE activity_id = :a AND participant_id = :p")
                .bind("a", activity)
                .bind("p", participant)
                .map(FeedbackRepository::details)
                .one();
    }

    Mono<FeedbackDetails> insert(
            UUID activity, UUID participant, FeedbackRules.Valid valid, FeedbackState state, Instant at) {
        GenericExecuteSpec spec = db.sql("INSERT INTO feedback.feedback (id, activity_id, participant_id, rating, tags,"
                        + " comment, state, created_at, updated_at)"
                        + " VALUES (:id, :a, :p, :rating, :tags, :comment, :state, :at, :at) RETURNING " + COLUMNS)
                .bind("id", UUID.randomUUID())
                .bind("a", activity)
                .bind("p", participant);
        return values(spec, valid, state, at).map(FeedbackRepository::details).one();
    }

    Mono<FeedbackDetails> update(UUID id, FeedbackRules.Valid valid, FeedbackState state, Instant at) {
        GenericExecuteSpec spec = db.sql("UPDATE feedback.feedback SET rating = :rating, tags = :tags,"
                        + " comment = :comment, state = :state, updated_at = :at WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id);
        return values(spec, valid, state, at).map(FeedbackRepository::details).one();
    }

    private static GenericExecuteSpec values(
            GenericExecuteSpec spec, FeedbackRules.Valid valid, FeedbackState state, Instant at) {
        spec = spec.bind("rating", (short) valid.rating())
                .bind("tags", valid.tags().stream().map(Enum::name).toArray(String[]::new))
                .bind("state", state.name())
                .bind("at", at);
        return valid.comment().isPresent()
                ? spec.bind("comment", valid.comment().get())
                : spec.bindNull("comment", String.class);
    }

    /** Moves the row to {@code state}; a restore also forgets the reports that hid it. */
    Mono<FeedbackDetails> moderate(UUID id, FeedbackState state, Instant at) {
        return db.sql("UPDATE feedback.feedback SET state = :state, updated_at = :at,"
                        + " reports = CASE WHEN :state = 'VISIBLE' THEN 0 ELSE reports END"
                        + " WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("state", state.name())
                .bind("at", at)
                .map(FeedbackRepository::details)
                .one();
    }

    /** Stores the organizer's reply unless there is one; empty when there was. */
    Mono<FeedbackDetails> reply(UUID id, String text, String by, Instant at) {
        return db.sql("UPDATE feedback.feedback SET reply = :text, replied_at = :at, replied_by = :by"
                        + " WHERE id = :id AND reply IS NULL RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("text", text)
                .bind("by", by)
                .bind("at", at)
                .map(FeedbackRepository::details)
                .one();
    }

    /** Records one participant's report; false when this participant had reported it already. */
    Mono<Boolean> report(UUID feedback, UUID participant, Instant at) {
        return db.sql("INSERT INTO feedback.report (feedback_id, participant_id, created_at) VALUES (:f, :p, :at)"
                        + " ON CONFLICT DO NOTHING")
                .bind("f", feedback)
                .bind("p", participant)
                .bind("at", at)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /** Counts a new report; returns the count since the last restore. */
    Mono<Integer> countReport(UUID id) {
        return db.sql("UPDATE feedback.feedback SET reports = reports + 1 WHERE id = :id RETURNING reports")
                .bind("id", id)
                .map(row -> row.get("reports", Integer.class))
                .one();
    }

    /** An activity's feedback in the given states, newest first, after {@code after}; one more than asked. */
    Flux<FeedbackDetails> page(UUID activity, Collection<FeedbackState> states, Optional<Position> after, int size) {
        Position from = after.orElse(new Position(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1L, -1L)));
        return db.sql("SELECT " + COLUMNS + " FROM feedback.feedback WHERE activity_id = :a AND state = ANY(:states)"
                        + " AND (created_at, id) < (:at, :id) ORDER BY created_at DESC, id DESC LIMIT :size")
                .bind("a", activity)
                .bind("states", states.stream().map(Enum::name).toArray(String[]::new))
                .bind("at", from.createdAt())
                .bind("id", from.id())
                .bind("size", size + 1)
                .map(FeedbackRepository::details)
                .all();
    }

    static FeedbackDetails details(Readable row) {
        String reply = row.get("reply", String.class);
        String[] tags = row.get("tags", String[].class);
        List<FeedbackTag> parsed = tags == null
                ? List.of()
                : Arrays.stream(tags)
                        .map(FeedbackTag::of)
                        .flatMap(Optional::stream)
                        .toList();
        return new FeedbackDetails(
                row.get("id", UUID.class),
                row.get("activity_id", UUID.class),
                row.get("rating", Short.class),
                parsed,
                Optional.ofNullable(row.get("comment", String.class)),
                FeedbackState.valueOf(row.get("state", String.class)),
                row.get("reports", Integer.class),
                reply == null
                        ? Optional.empty()
                        : Optional.of(new FeedbackDetails.Reply(reply, row.get("replied_at", Instant.class))),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
