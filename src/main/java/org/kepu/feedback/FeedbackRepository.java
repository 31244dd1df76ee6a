package org.kepu.feedback;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
            "id, activity_id, rating, tags, comment, state, reports, reply, replied_at, created_at, updated_at";
    /** The same columns of the row aliased {@code f}. */
    private static final String F_COLUMNS = "f." + COLUMNS.replace(", ", ", f.");

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

    /** An activity and a participant: who saves which feedback. */
    record Pair(UUID activity, UUID participant) implements Comparable<Pair> {

        @Override
        public int compareTo(Pair other) {
            int byActivity = activity.compareTo(other.activity);
            return byActivity != 0 ? byActivity : participant.compareTo(other.participant);
        }
    }

    /** A row to write: the pair's new values and state. */
    record Write(Pair pair, FeedbackRules.Valid valid, FeedbackState state) {}

    /**
     * Serializes each participant's saves on an activity until the end of the transaction (two first saves
     * at once would otherwise both insert); other participants are not held up. Locks are taken in the
     * pairs' order, the same in every transaction.
     */
    Mono<Void> lockParticipants(Collection<Pair> pairs) {
        String[] keys = pairs.stream()
                .sorted()
                .map(p -> "feedback|" + p.activity() + "|" + p.participant())
                .toArray(String[]::new);
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(:keys) AS k")
                .bind("keys", keys)
                .then();
    }

    /** The pairs' existing feedback, by pair, their rows locked until the end of the transaction. */
    Mono<Map<Pair, FeedbackDetails>> lockOf(Collection<Pair> pairs) {
        return db.sql("SELECT " + F_COLUMNS + ", f.participant_id FROM feedback.feedback f"
                        + " JOIN unnest(:a, :p) AS x(a, p) ON f.activity_id = x.a AND f.participant_id = x.p"
                        + " ORDER BY f.activity_id, f.participant_id FOR UPDATE OF f")
                .bind("a", pairs.stream().map(Pair::activity).toArray(UUID[]::new))
                .bind("p", pairs.stream().map(Pair::participant).toArray(UUID[]::new))
                .map(row -> Map.entry(
                        new Pair(row.get("activity_id", UUID.class), row.get("participant_id", UUID.class)),
                        details(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Inserts the pairs' first feedback; the stored rows by pair. */
    Mono<Map<Pair, FeedbackDetails>> insert(List<Write> writes, Instant at) {
        if (writes.isEmpty()) {
            return Mono.just(Map.of());
        }
        return stored(values(
                db.sql("INSERT INTO feedback.feedback (id, activity_id, participant_id, rating, tags, comment, state,"
                                + " created_at, updated_at) SELECT x.id, x.a, x.p, x.r, " + TAGS
                                + ", x.c, x.s, :at, :at"
                                + " FROM unnest(:ids, :a, :p, :r, :t, :c, :s) AS x(id, a, p, r, t, c, s)"
                                + " RETURNING " + COLUMNS + ", participant_id")
                        .bind("ids", writes.stream().map(w -> UUID.randomUUID()).toArray(UUID[]::new))
                        .bind("a", writes.stream().map(w -> w.pair().activity()).toArray(UUID[]::new))
                        .bind(
                                "p",
                                writes.stream().map(w -> w.pair().participant()).toArray(UUID[]::new)),
                writes,
                at));
    }

    /** Overwrites the pairs' feedback (rows locked by {@link #lockOf}); the stored rows by pair. */
    Mono<Map<Pair, FeedbackDetails>> update(Map<UUID, Write> writesById, Instant at) {
        if (writesById.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<Write> writes = List.copyOf(writesById.values());
        return stored(values(
                db.sql("UPDATE feedback.feedback f SET rating = x.r, tags = " + TAGS + ", comment = x.c,"
                                + " state = x.s, updated_at = :at FROM unnest(:ids, :r, :t, :c, :s) AS x(id, r, t, c, s)"
                                + " WHERE f.id = x.id RETURNING " + F_COLUMNS + ", f.participant_id")
                        .bind("ids", writesById.keySet().toArray(UUID[]::new)),
                writes,
                at));
    }

    /** Tags travel as one comma-separated text per row: unnest cannot take an array of arrays apart. */
    private static final String TAGS = "CASE WHEN x.t = '' THEN '{}'::text[] ELSE string_to_array(x.t, ',') END";

    private static GenericExecuteSpec values(GenericExecuteSpec spec, List<Write> writes, Instant at) {
        return spec.bind(
                        "r",
                        writes.stream().map(w -> (short) w.valid().rating()).toArray(Short[]::new))
                .bind(
                        "t",
                        writes.stream()
                                .map(w -> String.join(
                                        ",",
                                        w.valid().tags().stream()
                                                .map(Enum::name)
                                                .toList()))
                                .toArray(String[]::new))
                .bind(
                        "c",
                        writes.stream()
                                .map(w -> w.valid().comment().orElse(null))
                                .toArray(String[]::new))
                .bind("s", writes.stream().map(w -> w.state().name()).toArray(String[]::new))
                .bind("at", at);
    }

    private static Mono<Map<Pair, FeedbackDetails>> stored(GenericExecuteSpec spec) {
        return spec.map(row -> Map.entry(
                        new Pair(row.get("activity_id", UUID.class), row.get("participant_id", UUID.class)),
                        details(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<FeedbackDetails> of(UUID activity, UUID participant) {
        return db.sql("SELECT " + COLUMNS + " FROM feedback.feedback WHERE activity_id = :a AND participant_id = :p")
                .bind("a", activity)
                .bind("p", participant)
                .map(FeedbackRepository::details)
                .one();
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
