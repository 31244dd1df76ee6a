package org.kepu.feedback;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityNotFound;
import org.kepu.activity.ActivityService;
import org.kepu.checkin.CheckInService;
import org.kepu.shared.audit.AuditLog;
import org.kepu.shared.error.InvalidParameter;
import org.kepu.shared.ratelimit.RateLimited;
import org.kepu.shared.ratelimit.RateLimiter;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.Forbidden;
import org.kepu.shared.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The feedback module's API. Participants who checked in rate an activity (1–5, tags, a comment), once each,
 * and may change it until the window closes; anyone may report a comment; the activity's organizer and the
 * reviewers of its region moderate (restore, remove) and the organizer replies once. Saves are written by
 * group commit ({@link FeedbackWriter}), moving the activity's aggregate in their transaction; a moderator's
 * change recomputes it. Either notes the activity in the outbox, so search follows.
 */
@Service
public class FeedbackService {

    static final String OUTBOX_TOPIC = "activity";
    /** The actor of audit entries no person caused (a held word, reports reaching the threshold). */
    static final String SYSTEM = "system";

    private static final Set<FeedbackState> PUBLIC = EnumSet.of(FeedbackState.VISIBLE);

    private final FeedbackRepository feedback;
    private final FeedbackWriter writer;
    private final FeedbackSummaries summaries;
    private final ActivityService activities;
    private final CheckInService checkIns;
    private final SensitiveWords words;
    private final AuditLog audit;
    private final RateLimiter limiter;
    private final TransactionalOperator tx;
    private final FeedbackProperties properties;
    private final Clock clock;

    FeedbackService(
            FeedbackRepository feedback,
            FeedbackWriter writer,
            FeedbackSummaries summaries,
            ActivityService activities,
            CheckInService checkIns,
            SensitiveWords words,
            AuditLog audit,
            RateLimiter limiter,
            TransactionalOperator tx,
            FeedbackProperties properties,
            Clock clock) {
        this.feedback = feedback;
        this.writer = writer;
        this.summaries = summaries;
        this.activities = activities;
        this.checkIns = checkIns;
        this.words = words;
        this.audit = audit;
        this.limiter = limiter;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /** The tag vocabulary. */
    public List<FeedbackTag> tags() {
        return List.of(FeedbackTag.values());
    }

    // ---- participants ------------------------------------------------------------------------------------

    /**
     * Saves the participant's feedback: created the first time, updated after. A blocked word refuses it
     * ({@link TextRejected}); a held word stores it hidden until a moderator restores it.
     */
    public Mono<SavedFeedback> give(GiveFeedback command) {
        return Mono.fromCallable(() -> FeedbackRules.validate(command.rating(), command.tags(), command.comment()))
                .flatMap(valid -> {
                    Verdict verdict = valid.comment().map(words::check).orElse(Verdict.ALLOW);
                    if (verdict == Verdict.BLOCK) {
                        return Mono.error(new TextRejected());
                    }
                    UUID participant = command.participant().orElseThrow(NotCheckedIn::new);
                    return limit("kepu:feedback:rate:participant:" + participant, properties.writesPerParticipant())
                            // as read a few seconds ago at most: participants rate as they leave, all at once
                            .then(activities.publishedRecently(command.activityId()))
                            .flatMap(activity -> checkIns.hasCheckedIn(activity.id(), participant)
                                    .flatMap(checkedIn -> {
                                        if (!checkedIn) {
                                            return Mono.error(new NotCheckedIn());
                                        }
                                        FeedbackRules.open(
                                                activity.draft().endsAt(), clock.instant(), properties.editWindow());
                                        return writer.save(
                                                new FeedbackWriter.Save(activity.id(), participant, valid, verdict));
                                    }));
                });
    }

    /**
     * Recomputes the aggregate; when it moved, notes the activity in the outbox (search sorts by rating) and
     * hands the new figures to statistics, all in the caller's transaction.
     */
    private Mono<Void> aggregate(UUID activity, FeedbackSummary before) {
        return summaries
                .recompute(activity)
                .flatMap(after -> after.count() == before.count() && after.total() == before.total()
                        ? Mono.<Void>empty()
                        : writer.changed(Map.of(activity, after)));
    }

    /** The participant's own feedback on the activity (any state), to edit it. */
    public Mono<FeedbackDetails> mine(UUID activityId, Optional<UUID> participant) {
        return participant
                .map(p -> feedback.of(activityId, p))
                .orElse(Mono.empty())
                .switchIfEmpty(Mono.error(FeedbackNotFound::new));
    }

    /** The public listing: the aggregate and visible feedback, newest first. */
    public Mono<FeedbackPage> visible(UUID activityId, Optional<String> cursor, int size) {
        return activities.published(activityId).flatMap(activity -> page(activity.id(), PUBLIC, cursor, size));
    }

    /**
     * Reports a visible comment, once per participant; at {@code kepu.feedback.report-threshold} reports it
     * is hidden until a moderator restores it. Reporting again is accepted and changes nothing.
     */
    public Mono<Void> report(UUID feedbackId, UUID participant, String clientAddress) {
        return limit("kepu:feedback:report:participant:" + participant, properties.reportsPerParticipant())
                .then(limit("kepu:feedback:report:address:" + clientAddress, properties.reportsPerAddress()))
                .then(tx.transactional(feedback.lock(feedbackId)
                        .filter(f -> f.state() == FeedbackState.VISIBLE)
                        .switchIfEmpty(Mono.error(FeedbackNotFound::new))
                        .flatMap(f -> feedback.report(f.id(), participant, clock.instant())
                                .filter(Boolean::booleanValue)
                                .flatMap(fresh -> feedback.countReport(f.id()))
                                .flatMap(reports -> FeedbackRules.hides(
                                                f.state(), reports, properties.reportThreshold())
                                        ? feedback.moderate(f.id(), FeedbackState.REPORTED, clock.instant())
                                                .then(audit.record(
                                                        SYSTEM,
                                                        "feedback.hidden",
                                                        "feedback",
                                                        f.id().toString(),
                                                        Map.of(
                                                                "activityId",
                                                                f.activityId().toString(),
                                                                "reports",
                                                                reports)))
                                        : Mono.empty()))));
    }

    // ---- moderators --------------------------------------------------------------------------------------

    /**
     * An activity's feedback in the given states (all when empty) for its organizer or a reviewer of its
     * region; anyone else gets {@link ActivityNotFound}.
     */
    public Mono<FeedbackPage> moderation(
            Actor actor, UUID activityId, Set<FeedbackState> states, Optional<String> cursor, int size) {
        Set<FeedbackState> wanted = states.isEmpty() ? EnumSet.allOf(FeedbackState.class) : states;
        return moderatable(actor, activityId).flatMap(activity -> page(activity.id(), wanted, cursor, size));
    }

    /** Shows a hidden or removed feedback again (its reports are forgotten). */
    public Mono<FeedbackDetails> restore(Actor actor, UUID feedbackId) {
        return moderate(actor, feedbackId, FeedbackState.VISIBLE, "feedback.restored", Optional.empty());
    }

    /** Removes a feedback from view; its rating no longer counts. */
    public Mono<FeedbackDetails> remove(Actor actor, UUID feedbackId, Optional<String> reason) {
        return moderate(actor, feedbackId, FeedbackState.REMOVED, "feedback.removed", reason);
    }

    private Mono<FeedbackDetails> moderate(
            Actor actor, UUID feedbackId, FeedbackState to, String action, Optional<String> reason) {
        return moderatableFeedback(actor, feedbackId).flatMap(found -> {
            // the feedback row, then the aggregate: the order saves take them in (no deadlock between the two)
            Mono<FeedbackDetails> work = feedback.lock(feedbackId)
                    .flatMap(current -> summaries.lock(found.activityId()).flatMap(before -> {
                        if (current.state() == to) {
                            return Mono.just(current);
                        }
                        Map<String, Object> details = new LinkedHashMap<>();
                        details.put("activityId", current.activityId().toString());
                        details.put("from", current.state().name());
                        details.put("to", to.name());
                        reason.ifPresent(r -> details.put("reason", r));
                        return feedback.moderate(feedbackId, to, clock.instant())
                                .flatMap(moved -> audit.record(
                                                actor.username(), action, "feedback", feedbackId.toString(), details)
                                        .then(aggregate(current.activityId(), before))
                                        .thenReturn(moved));
                    }));
            return tx.transactional(work);
        });
    }

    /** The organizer's one public reply. */
    public Mono<FeedbackDetails> reply(Actor organizer, UUID feedbackId, String text) {
        return Mono.fromCallable(() -> UserText.clean(text, "text", FeedbackRules.MAX_COMMENT, true)
                        .orElseThrow(() ->
                                org.kepu.shared.error.ValidationFailed.of("text", "required", "Write the reply.")))
                .flatMap(cleaned -> {
                    if (words.check(cleaned) == Verdict.BLOCK) {
                        return Mono.error(new TextRejected());
                    }
                    if (!organizer.has(Role.ORGANIZER)) {
                        return Mono.error(new Forbidden("Only the activity's organizer replies."));
                    }
                    return feedback.find(feedbackId)
                            .switchIfEmpty(Mono.error(FeedbackNotFound::new))
                            .flatMap(found -> activities
                                    .own(organizer, found.activityId())
                                    .onErrorMap(ActivityNotFound.class, e -> new FeedbackNotFound()))
                            .then(tx.transactional(feedback.reply(
                                            feedbackId, cleaned, organizer.username(), clock.instant())
                                    .switchIfEmpty(Mono.error(AlreadyReplied::new))
                                    .flatMap(replied -> audit.record(
                                                    organizer.username(),
                                                    "feedback.replied",
                                                    "feedback",
                                                    feedbackId.toString(),
                                                    Map.of(
                                                            "activityId",
                                                            replied.activityId().toString()))
                                            .thenReturn(replied))));
                });
    }

    private Mono<FeedbackDetails> moderatableFeedback(Actor actor, UUID feedbackId) {
        return feedback.find(feedbackId)
                .switchIfEmpty(Mono.error(FeedbackNotFound::new))
                .flatMap(found -> moderatable(actor, found.activityId())
                        .onErrorMap(ActivityNotFound.class, e -> new FeedbackNotFound())
                        .thenReturn(found));
    }

    /** The activity, when the actor organizes it or reviews its region; existence does not leak otherwise. */
    private Mono<Activity> moderatable(Actor actor, UUID activityId) {
        if (!actor.has(Role.ORGANIZER) && !actor.has(Role.REVIEWER)) {
            return Mono.error(new Forbidden("Only the organizer and the region's reviewers moderate feedback."));
        }
        Mono<Activity> asReviewer =
                actor.has(Role.REVIEWER) ? activities.reviewable(actor, activityId) : Mono.error(ActivityNotFound::new);
        return actor.has(Role.ORGANIZER)
                ? activities.own(actor, activityId).onErrorResume(ActivityNotFound.class, e -> asReviewer)
                : asReviewer;
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private Mono<FeedbackPage> page(UUID activity, Set<FeedbackState> states, Optional<String> cursor, int size) {
        Optional<FeedbackRepository.Position> after = cursor.map(FeedbackService::position);
        return Mono.zip(
                        summaries.of(activity),
                        feedback.page(activity, states, after, size).collectList())
                .map(t -> {
                    List<FeedbackDetails> rows = t.getT2();
                    boolean more = rows.size() > size;
                    List<FeedbackDetails> items = more ? rows.subList(0, size) : rows;
                    Optional<String> next = more ? Optional.of(cursor(items.get(items.size() - 1))) : Optional.empty();
                    return new FeedbackPage(t.getT1(), items, next);
                });
    }

    private Mono<Void> limit(String key, int max) {
        return limiter.hit(key, properties.rateWindow())
                .flatMap(w -> w.count() > max ? Mono.error(new RateLimited(w.remaining())) : Mono.empty());
    }

    static String cursor(FeedbackDetails last) {
        Instant at = last.createdAt();
        String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static FeedbackRepository.Position position(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", 3);
            return new FeedbackRepository.Position(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new InvalidParameter("cursor", "The cursor is not one this API gave out.");
        }
    }
}
