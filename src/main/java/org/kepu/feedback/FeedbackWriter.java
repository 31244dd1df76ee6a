package org.kepu.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.kepu.feedback.FeedbackRepository.Pair;
import org.kepu.feedback.FeedbackRepository.Write;
import org.kepu.shared.audit.AuditLog;
import org.kepu.shared.batch.GroupCommit;
import org.kepu.shared.outbox.Outbox;
import org.kepu.stats.ActivityTallies;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Saves participants' feedback by group commit ({@link GroupCommit}), as check-ins are written: saves that
 * arrive together share one transaction of a fixed handful of statements (lock the participants, lock their
 * existing rows, insert the new ones, update the others, move each activity's aggregate once, note the
 * changed activities for search and statistics), and each caller is answered after its commit. Per save,
 * a transaction of its own moved the activity's aggregate row on every save; on a popular activity those
 * saves queued on that one row. A participant who saves twice within one batch has the second save written
 * in a transaction after the first, so each save still sees the one before it.
 */
@Component
class FeedbackWriter implements DisposableBean {

    /** One participant's save as checked by the service. */
    record Save(UUID activity, UUID participant, FeedbackRules.Valid valid, Verdict verdict) {

        Pair pair() {
            return new Pair(activity, participant);
        }
    }

    private final FeedbackRepository feedback;
    private final FeedbackSummaries summaries;
    private final AuditLog audit;
    private final Outbox outbox;
    private final ActivityTallies tallies;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final GroupCommit<Save, SavedFeedback> commits;

    FeedbackWriter(
            FeedbackRepository feedback,
            FeedbackSummaries summaries,
            AuditLog audit,
            Outbox outbox,
            ActivityTallies tallies,
            TransactionalOperator tx,
            FeedbackProperties properties,
            Clock clock) {
        this.feedback = feedback;
        this.summaries = summaries;
        this.audit = audit;
        this.outbox = outbox;
        this.tallies = tallies;
        this.tx = tx;
        this.clock = clock;
        this.commits = new GroupCommit<>(
                "feedback",
                new GroupCommit.Limits(
                        properties.batchMaxRows(),
                        properties.batchMaxWait(),
                        properties.batchWriters(),
                        properties.maxQueued()),
                this::write,
                FeedbackBusy::new);
    }

    /** Queues one save; completes with the stored feedback after the commit that contains it. */
    Mono<SavedFeedback> save(Save save) {
        return commits.submit(save);
    }

    private Mono<Void> write(List<GroupCommit.Request<Save, SavedFeedback>> batch) {
        // one save per pair in each transaction: a repeated save goes into the next one
        List<Map<Pair, GroupCommit.Request<Save, SavedFeedback>>> rounds = new ArrayList<>();
        for (GroupCommit.Request<Save, SavedFeedback> request : batch) {
            Pair pair = request.item().pair();
            Map<Pair, GroupCommit.Request<Save, SavedFeedback>> round = rounds.stream()
                    .filter(r -> !r.containsKey(pair))
                    .findFirst()
                    .orElseGet(() -> {
                        rounds.add(new TreeMap<>());
                        return rounds.get(rounds.size() - 1);
                    });
            round.put(pair, request);
        }
        return Flux.fromIterable(rounds).concatMap(this::write).then();
    }

    /** One transaction for saves of distinct pairs (in pair order); answers each after the commit. */
    private Mono<Void> write(Map<Pair, GroupCommit.Request<Save, SavedFeedback>> round) {
        Mono<Map<Pair, SavedFeedback>> work = Mono.defer(() -> {
            Instant now = clock.instant();
            return feedback.lockParticipants(round.keySet())
                    .then(feedback.lockOf(round.keySet()))
                    .flatMap(existing -> store(round, existing, now));
        });
        return GroupCommit.retryRolledBack(tx.transactional(work))
                .doOnNext(saved -> round.forEach((pair, request) -> {
                    SavedFeedback result = saved.get(pair);
                    if (result == null) {
                        request.fail(new IllegalStateException("feedback row vanished"));
                    } else {
                        request.answer(result);
                    }
                }))
                .then();
    }

    private Mono<Map<Pair, SavedFeedback>> store(
            Map<Pair, GroupCommit.Request<Save, SavedFeedback>> round,
            Map<Pair, FeedbackDetails> existing,
            Instant now) {
        List<Write> inserts = new ArrayList<>();
        Map<UUID, Write> updates = new LinkedHashMap<>();
        Map<UUID, FeedbackSummaries.Change> changes = new HashMap<>();
        List<Pair> newlyHeld = new ArrayList<>();
        round.forEach((pair, request) -> {
            Save save = request.item();
            FeedbackDetails before = existing.get(pair);
            FeedbackState state = FeedbackRules.afterSave(before == null ? null : before.state(), save.verdict());
            Write write = new Write(pair, save.valid(), state);
            if (before == null) {
                inserts.add(write);
            } else {
                updates.put(before.id(), write);
            }
            if (state == FeedbackState.HELD && (before == null || before.state() != FeedbackState.HELD)) {
                newlyHeld.add(pair);
            }
            Integer leaving = before != null && before.state() != FeedbackState.REMOVED ? before.rating() : null;
            Integer entering = state != FeedbackState.REMOVED ? save.valid().rating() : null;
            if (!Objects.equals(leaving, entering)) {
                FeedbackSummaries.Change change =
                        changes.computeIfAbsent(pair.activity(), a -> new FeedbackSummaries.Change());
                change.leave(leaving);
                change.enter(entering);
            }
        });
        Map<Pair, SavedFeedback> saved = new HashMap<>();
        return feedback.insert(inserts, now)
                .doOnNext(rows -> rows.forEach((pair, row) -> saved.put(pair, new SavedFeedback(row, true))))
                .then(feedback.update(updates, now))
                .doOnNext(rows -> rows.forEach((pair, row) -> saved.put(pair, new SavedFeedback(row, false))))
                .thenMany(Flux.fromIterable(newlyHeld)
                        .concatMap(pair -> audit.record(
                                FeedbackService.SYSTEM,
                                "feedback.held",
                                "feedback",
                                saved.get(pair).feedback().id().toString(),
                                Map.of("activityId", pair.activity().toString()))))
                .then(Mono.defer(() -> summaries.move(changes)))
                .flatMap(this::changed)
                .thenReturn(saved);
    }

    /** The aggregates moved: search (which sorts by rating) and statistics follow, in the same transaction. */
    Mono<Void> changed(Map<UUID, FeedbackSummary> after) {
        Map<UUID, ActivityTallies.Feedback> figures = new HashMap<>();
        after.forEach((id, s) -> figures.put(id, new ActivityTallies.Feedback(s.count(), s.total())));
        return outbox.appendAll(
                        FeedbackService.OUTBOX_TOPIC,
                        after.keySet().stream().map(UUID::toString).sorted().toList())
                .then(tallies.feedback(figures));
    }

    @Override
    public void destroy() {
        commits.close();
    }
}
