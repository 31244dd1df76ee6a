package org.kepu.activity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.campaign.CampaignEdition;
import org.kepu.campaign.CampaignService;
import org.kepu.region.RegionService;
import org.kepu.shared.audit.AuditLog;
import org.kepu.shared.engines.ReadReplica;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.outbox.Outbox;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.Forbidden;
import org.kepu.shared.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The activity module's API: organizers draft, submit, edit, cancel, postpone and copy their own unit's
 * activities; reviewers approve or reject those in their region subtree. Every change that the public can
 * see writes an outbox row in the same transaction, and every workflow action is audited.
 */
@Service
public class ActivityService {

    static final String TOPIC = "activity";

    /** Statuses the public sees, whose time, place and format changes must reach search at once. */
    private static final Set<ActivityStatus> LIVE = EnumSet.of(ActivityStatus.PUBLISHED, ActivityStatus.POSTPONED);

    private final ActivityRepository activities;
    private final Duplicates duplicates;
    private final EvidenceBook evidence;
    private final Nominations nominations;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final AuditLog audit;
    private final Outbox outbox;
    private final ReadReplica replica;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final RecentlyPublished recent;

    ActivityService(
            ActivityRepository activities,
            Duplicates duplicates,
            EvidenceBook evidence,
            Nominations nominations,
            CampaignService campaigns,
            RegionService regions,
            AuditLog audit,
            Outbox outbox,
            TransactionalOperator tx,
            ReadReplica replica,
            Clock clock) {
        this.replica = replica;
        this.activities = activities;
        this.duplicates = duplicates;
        this.evidence = evidence;
        this.nominations = nominations;
        this.campaigns = campaigns;
        this.regions = regions;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.recent = new RecentlyPublished(this::published);
    }

    // ---- organizer -------------------------------------------------------------------------------------

    /** Creates a draft for the organizer's own unit. */
    public Mono<Activity> create(Actor organizer, ActivityDraft draft) {
        return create(organizer, draft, Optional.empty());
    }

    private Mono<Activity> create(Actor organizer, ActivityDraft draft, Optional<UUID> copiedFrom) {
        return require(organizer, Role.ORGANIZER)
                .then(validated(organizer, draft))
                .flatMap(valid -> {
                    Instant now = clock.instant();
                    Activity activity = new Activity(
                            UUID.randomUUID(),
                            organizer.orgUnitId(),
                            organizer.orgUnitName(),
                            valid,
                            ActivityStatus.DRAFT,
                            Optional.empty(),
                            0,
                            now,
                            now,
                            Optional.empty(),
                            List.of());
                    return tx.transactional(activities
                            .insert(activity, organizer.username(), copiedFrom)
                            .then(audit(organizer, "activity.created", activity.id(), Map.of("title", valid.title())))
                            .thenReturn(activity));
                });
    }

    /** The organizer's own activity (404 for anyone else's). */
    public Mono<Activity> own(Actor organizer, UUID id) {
        return require(organizer, Role.ORGANIZER)
                .then(activities.findById(id))
                .filter(a -> a.orgUnitId().equals(organizer.orgUnitId()))
                .switchIfEmpty(Mono.error(ActivityNotFound::new));
    }

    /** The organizer's unit's activities, newest first, optionally in one status. */
    public Flux<Activity> own(Actor organizer, Optional<ActivityStatus> status) {
        return require(organizer, Role.ORGANIZER)
                .thenMany(activities.select(
                        "org_unit_id = :unit AND (:status = '' OR status = :status)",
                        "ORDER BY starts_at DESC, id LIMIT 500",
                        spec -> spec.bind("unit", organizer.orgUnitId())
                                .bind("status", status.map(Enum::name).orElse(""))));
    }

    /**
     * Saves an edit made on {@code version}. Drafts, rejected and submitted activities change freely. On a
     * published one, a change to what reviewers approved (title, texts, categories, region, campaign)
     * sends it back to review; a change of time, place or format keeps it published, is audited with its
     * before and after, and reaches search at once.
     */
    public Mono<Activity> update(Actor organizer, UUID id, long version, ActivityDraft draft) {
        return own(organizer, id).flatMap(current -> {
            if (current.status() == ActivityStatus.CANCELLED) {
                return Mono.error(new ActivityNotEditable());
            }
            if (current.version() != version) {
                return Mono.error(new ActivityChanged());
            }
            return validated(organizer, draft).flatMap(valid -> {
                boolean live = LIVE.contains(current.status());
                ActivityStatus next =
                        live && needsReview(current.draft(), valid) ? ActivityStatus.SUBMITTED : current.status();
                Map<String, Object> changes = changes(current.draft(), valid);
                Mono<Void> notify = live ? outbox.append(TOPIC, id.toString()) : Mono.empty();
                return tx.transactional(activities
                        .update(id, version, valid, next, clock.instant())
                        .flatMap(saved -> saved ? Mono.empty() : Mono.<Void>error(new ActivityChanged()))
                        .then(notify)
                        .then(audit(
                                organizer,
                                next == current.status() ? "activity.edited" : "activity.edited-for-review",
                                id,
                                changes))
                        .then(activities.findById(id)));
            });
        });
    }

    /** Sends a draft (or a rejected activity) to review; possible duplicates are recorded as a warning. */
    public Mono<Activity> submit(Actor organizer, UUID id) {
        return own(organizer, id)
                .flatMap(activity -> tx.transactional(activities
                        .transition(
                                id,
                                EnumSet.of(ActivityStatus.DRAFT, ActivityStatus.REJECTED),
                                ActivityStatus.SUBMITTED,
                                null,
                                clock.instant())
                        .flatMap(moved -> moved ? duplicates.of(activity) : Mono.error(new WrongActivityStatus()))
                        .flatMap(found -> activities
                                .markDuplicates(id, found)
                                .then(audit(
                                        organizer,
                                        "activity.submitted",
                                        id,
                                        Map.of(
                                                "possibleDuplicates",
                                                found.stream()
                                                        .map(UUID::toString)
                                                        .toList()))))
                        .then(activities.findById(id))));
    }

    public Mono<Activity> cancel(Actor organizer, UUID id, String reason) {
        return reason(reason)
                .then(own(organizer, id))
                .flatMap(a -> transition(
                        organizer, id, LIVE, ActivityStatus.CANCELLED, reason.strip(), "activity.cancelled", true));
    }

    /** Moves a published activity to new times; it stays public, marked postponed. */
    public Mono<Activity> postpone(Actor organizer, UUID id, Instant startsAt, Instant endsAt, String reason) {
        return reason(reason)
                .then(own(organizer, id))
                .flatMap(current -> validated(organizer, current.draft().withTimes(startsAt, endsAt))
                        .flatMap(valid -> tx.transactional(activities
                                .postpone(id, startsAt, endsAt, reason.strip(), clock.instant())
                                .flatMap(moved -> moved
                                        ? outbox.append(TOPIC, id.toString())
                                        : Mono.error(new WrongActivityStatus()))
                                .then(audit(
                                        organizer,
                                        "activity.postponed",
                                        id,
                                        Map.of(
                                                "reason", reason.strip(),
                                                "startsAt",
                                                        List.of(
                                                                current.draft()
                                                                        .startsAt()
                                                                        .toString(),
                                                                startsAt.toString()),
                                                "endsAt",
                                                        List.of(
                                                                current.draft()
                                                                        .endsAt()
                                                                        .toString(),
                                                                endsAt.toString()))))
                                .then(activities.findById(id)))));
    }

    /**
     * Copies an activity into a new draft, e.g. last year's into this year's campaign: times move by the
     * distance between the two editions' first days.
     */
    public Mono<Activity> copy(Actor organizer, UUID id, Optional<UUID> campaignId) {
        return own(organizer, id).flatMap(source -> {
            UUID target = campaignId.orElse(source.draft().campaignId());
            return campaigns
                    .require(source.draft().campaignId())
                    .zipWith(campaigns.require(target))
                    .flatMap(editions -> {
                        long days = ChronoUnit.DAYS.between(
                                editions.getT1().startsOn(), editions.getT2().startsOn());
                        ActivityDraft d = source.draft();
                        ActivityDraft copy = d.withCampaign(target)
                                .withTimes(
                                        d.startsAt().plus(days, ChronoUnit.DAYS),
                                        d.endsAt().plus(days, ChronoUnit.DAYS));
                        return create(organizer, copy, Optional.of(id));
                    });
        });
    }

    // ---- reviewer ---------------------------------------------------------------------------------------

    /** An activity in the reviewer's region subtree (404 outside it: existence must not leak). */
    public Mono<Activity> reviewable(Actor reviewer, UUID id) {
        return require(reviewer, Role.REVIEWER)
                .then(activities.findById(id))
                .filter(a -> reviewer.scope().contains(a.draft().regionCode()))
                .switchIfEmpty(Mono.error(ActivityNotFound::new));
    }

    /**
     * The review queue: activities in the reviewer's subtree (narrowed to {@code region} if given, which
     * must lie inside it), oldest submission first, after the cursor's position.
     */
    public Flux<Activity> queue(Actor reviewer, ReviewFilter filter) {
        return require(reviewer, Role.REVIEWER).thenMany(Flux.defer(() -> {
            if (filter.region().isPresent()
                    && !reviewer.scope().contains(filter.region().get())) {
                return Flux.error(new Forbidden("This region lies outside your unit's region."));
            }
            var scope = reviewer.scope();
            return activities.select(
                    scope.sql("region_code") + " AND starts_with(region_code, :region) AND status = :status"
                            + " AND (:campaign::uuid IS NULL OR campaign_id = :campaign::uuid)"
                            + " AND (coalesce(submitted_at, created_at), id) > (:afterAt, :afterId)",
                    "ORDER BY coalesce(submitted_at, created_at), id LIMIT :size",
                    spec -> {
                        var s = scope.bind(spec)
                                .bind("region", filter.region().orElse(""))
                                .bind("status", filter.status().name())
                                .bind("afterAt", filter.afterAt())
                                .bind("afterId", filter.afterId())
                                .bind("size", filter.size());
                        return ActivityRepository.nullable(
                                s,
                                "campaign",
                                filter.campaignId().map(UUID::toString).orElse(null),
                                String.class);
                    });
        }));
    }

    public Mono<Activity> approve(Actor reviewer, UUID id) {
        return reviewable(reviewer, id)
                .flatMap(a -> transition(
                        reviewer,
                        id,
                        EnumSet.of(ActivityStatus.SUBMITTED),
                        ActivityStatus.PUBLISHED,
                        null,
                        "activity.approved",
                        true));
    }

    public Mono<Activity> reject(Actor reviewer, UUID id, String reason) {
        return reason(reason)
                .then(reviewable(reviewer, id))
                .flatMap(a -> transition(
                        reviewer,
                        id,
                        EnumSet.of(ActivityStatus.SUBMITTED),
                        ActivityStatus.REJECTED,
                        reason.strip(),
                        "activity.rejected",
                        false));
    }

    // ---- evidence and recommendations -------------------------------------------------------------------

    /** Records the organizer's evidence, from the activity's end until its evidence deadline. */
    public Mono<EvidenceStatus> putEvidence(Actor organizer, UUID id, Evidence given) {
        return own(organizer, id).flatMap(activity -> {
            List<FieldError> errors = EvidenceBook.check(given);
            if (!errors.isEmpty()) {
                return Mono.error(new ValidationFailed(errors));
            }
            if (activity.status() != ActivityStatus.PUBLISHED && activity.status() != ActivityStatus.POSTPONED) {
                return Mono.error(new WrongActivityStatus());
            }
            Instant now = clock.instant();
            if (now.isBefore(activity.draft().endsAt())) {
                return Mono.error(new ActivityNotEnded());
            }
            return campaigns.require(activity.draft().campaignId()).flatMap(campaign -> {
                if (now.atZone(org.kepu.shared.time.CampaignTime.ZONE)
                        .toLocalDate()
                        .isAfter(EvidenceBook.dueOn(activity, campaign))) {
                    return Mono.error(new EvidenceOverdue());
                }
                return tx.transactional(evidence.put(id, given, organizer.username(), now)
                                .then(outbox.append(TOPIC, id.toString()))
                                .then(audit(
                                        organizer,
                                        "activity.evidence",
                                        id,
                                        Map.of("photos", given.photos().size(), "summary", given.summary() != null))))
                        .then(evidenceStatus(activity, campaign));
            });
        });
    }

    /** Evidence and its completeness for an activity the actor may see (own unit, or in review scope). */
    public Mono<EvidenceStatus> evidence(Actor actor, UUID id) {
        Mono<Activity> visible = actor.has(Role.REVIEWER) ? reviewable(actor, id) : own(actor, id);
        return visible.flatMap(activity -> campaigns
                .require(activity.draft().campaignId())
                .flatMap(campaign -> evidenceStatus(activity, campaign)));
    }

    /** The evidence the public sees for an ended public activity. */
    public Mono<Optional<Evidence>> publicEvidence(Activity activity) {
        return clock.instant().isBefore(activity.draft().endsAt())
                ? Mono.just(Optional.empty())
                : evidence.find(activity.id());
    }

    private Mono<EvidenceStatus> evidenceStatus(Activity activity, CampaignEdition campaign) {
        return evidence.find(activity.id())
                .map(found -> new EvidenceStatus(
                        found.orElse(Evidence.EMPTY),
                        EvidenceBook.completeness(activity, found, campaign, clock.instant()),
                        EvidenceBook.dueOn(activity, campaign)));
    }

    /**
     * Ended public activities in the reviewer's subtree whose evidence is still incomplete after its
     * deadline, most overdue first (at most 500).
     */
    public Flux<Activity> evidenceOverdue(Actor reviewer, Optional<String> region) {
        if (region.isPresent() && !reviewer.scope().contains(region.get())) {
            return Flux.error(new Forbidden("This region lies outside your unit's region."));
        }
        Instant now = clock.instant();
        return require(reviewer, Role.REVIEWER)
                .thenMany(activities.select(
                        reviewer.scope().sql("region_code") + " AND starts_with(region_code, :region)"
                                + " AND status IN ('PUBLISHED', 'POSTPONED') AND ends_at < :now"
                                + " AND NOT EXISTS (SELECT 1 FROM activity.evidence e WHERE e.activity_id = activity.id"
                                + " AND cardinality(e.photos) > 0 AND e.summary IS NOT NULL"
                                + " AND (e.attendance_onsite IS NOT NULL OR e.attendance_online IS NOT NULL))",
                        "ORDER BY ends_at, id LIMIT 2000",
                        spec -> reviewer.scope()
                                .bind(spec)
                                .bind("region", region.orElse(""))
                                .bind("now", now)))
                .concatMap(activity -> campaigns
                        .require(activity.draft().campaignId())
                        .filter(campaign -> now.atZone(org.kepu.shared.time.CampaignTime.ZONE)
                                .toLocalDate()
                                .isAfter(EvidenceBook.dueOn(activity, campaign)))
                        .map(campaign -> activity))
                .take(500);
    }

    /** Records (or revises) the reviewer's level's recommendation of an ended activity; emits true if new. */
    public Mono<Boolean> recommend(Actor reviewer, UUID id, Scores scores, String note) {
        return reviewable(reviewer, id).flatMap(activity -> {
            List<FieldError> errors = new ArrayList<>();
            int[] values = {
                scores.mobilization(),
                scores.scale(),
                scores.publicity(),
                scores.volunteers(),
                scores.jointAction(),
                scores.onlineReach()
            };
            String[] names = {"mobilization", "scale", "publicity", "volunteers", "jointAction", "onlineReach"};
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0 || values[i] > 10) {
                    errors.add(new FieldError("scores." + names[i], "range", "A score is 0 to 10."));
                }
            }
            if (note != null && note.length() > 1000) {
                errors.add(new FieldError("note", "length", "A note has at most 1,000 characters."));
            }
            if (!errors.isEmpty()) {
                return Mono.error(new ValidationFailed(errors));
            }
            if (!LIVE.contains(activity.status())) {
                return Mono.error(new WrongActivityStatus());
            }
            Instant now = clock.instant();
            if (now.isBefore(activity.draft().endsAt())) {
                return Mono.error(new ActivityNotEnded());
            }
            return tx.transactional(nominations
                    .put(id, reviewer, scores, note, now)
                    .flatMap(created -> outbox.append(TOPIC, id.toString())
                            .then(audit(
                                    reviewer,
                                    "activity.recommended",
                                    id,
                                    Map.of("level", Nominations.level(reviewer), "total", scores.total())))
                            .thenReturn(created)));
        });
    }

    /** Recommended activities in the reviewer's subtree (optionally one region of it), best first. */
    public Flux<Recommendation> recommendations(Actor reviewer, Optional<String> region) {
        return require(reviewer, Role.REVIEWER)
                .thenMany(
                        Flux.defer(() -> region.isPresent() && !reviewer.scope().contains(region.get())
                                ? Flux.error(new Forbidden("This region lies outside your unit's region."))
                                : nominations.list(reviewer.scope(), region)));
    }

    // ---- public -----------------------------------------------------------------------------------------

    /** A published, cancelled or postponed activity; anything else is not found. */
    public Mono<Activity> published(UUID id) {
        return activities.findById(id).filter(Activity::isPublic).switchIfEmpty(Mono.error(ActivityNotFound::new));
    }

    /**
     * {@link #published}, as read at most a few seconds ago: for check-in and feedback, where a crowd asks for
     * the same activity at once. A cancellation or postponement reaches them within those seconds.
     */
    public Mono<Activity> publishedRecently(UUID id) {
        return recent.get(id);
    }

    /**
     * Public activities by the simple filters, ordered by start (the bounded PostgreSQL path, used when search
     * is down); read from the replica when one is configured.
     */
    public Flux<Activity> browse(BrowseFilter filter) {
        return activities.select(
                replica.reads(),
                "status IN ('PUBLISHED', 'POSTPONED', 'CANCELLED') AND (:cancelled OR status <> 'CANCELLED')"
                        + " AND starts_with(region_code, :region)"
                        + " AND (:campaign::uuid IS NULL OR campaign_id = :campaign::uuid)"
                        + " AND (:format = '' OR format = :format)"
                        + " AND (:category = '' OR :category = ANY(categories))"
                        + " AND ends_at > :from AND starts_at < :to"
                        + " AND (:q = '' OR strpos(lower(title), lower(:q)) > 0 OR strpos(lower(coalesce(subtitle, '')), lower(:q)) > 0)"
                        + " AND (starts_at, id) > (:afterAt, :afterId)",
                "ORDER BY starts_at, id LIMIT :size",
                spec -> {
                    var s = spec.bind("cancelled", filter.includeCancelled())
                            .bind("region", filter.region().orElse(""))
                            .bind("format", filter.format().map(Enum::name).orElse(""))
                            .bind("category", filter.category().map(Enum::name).orElse(""))
                            .bind("from", filter.from())
                            .bind("to", filter.to())
                            .bind("q", filter.text().orElse(""))
                            .bind("afterAt", filter.afterAt())
                            .bind("afterId", filter.afterId())
                            .bind("size", filter.size());
                    return ActivityRepository.nullable(
                            s,
                            "campaign",
                            filter.campaignId().map(UUID::toString).orElse(null),
                            String.class);
                });
    }

    /** Activities by id in any status (the search indexer decides what is public). */
    public Flux<Activity> byIds(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return activities.select("id = ANY(:ids)", "", spec -> spec.bind("ids", ids.toArray(UUID[]::new)));
    }

    /** Every public activity, streamed (for a full rebuild of the search index). */
    /**
     * Ids of public activities after {@code after} (id order), a page at a time: a full reindex reads them
     * page by page rather than holding one statement open for the whole load.
     */
    public Flux<UUID> publicIds(UUID after, int limit) {
        return activities.publicIds(after, limit);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private Mono<Activity> transition(
            Actor actor,
            UUID id,
            Set<ActivityStatus> from,
            ActivityStatus to,
            String reason,
            String action,
            boolean notify) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("to", to.name());
        if (reason != null) {
            details.put("reason", reason);
        }
        return tx.transactional(activities
                .transition(id, from, to, reason, clock.instant())
                .flatMap(moved -> moved ? Mono.<Void>empty() : Mono.error(new WrongActivityStatus()))
                .then(notify ? outbox.append(TOPIC, id.toString()) : Mono.empty())
                .then(audit(actor, action, id, details))
                .then(activities.findById(id)));
    }

    private Mono<ActivityDraft> validated(Actor organizer, ActivityDraft draft) {
        if (draft.campaignId() == null || draft.regionCode() == null) {
            List<FieldError> missing = new ArrayList<>();
            if (draft.campaignId() == null) {
                missing.add(new FieldError("campaignId", "required", "The campaign edition is required."));
            }
            if (draft.regionCode() == null) {
                missing.add(new FieldError("regionCode", "required", "The region is required."));
            }
            return Mono.error(new ValidationFailed(missing));
        }
        Mono<CampaignEdition> campaign = campaigns
                .require(draft.campaignId())
                .onErrorMap(
                        org.kepu.campaign.CampaignEditionNotFound.class,
                        e -> ValidationFailed.of("campaignId", "not-found", "No campaign edition has this id."));
        Mono<org.kepu.region.Region> region = regions.require("regionCode", draft.regionCode())
                .onErrorMap(
                        org.kepu.region.RegionNotFound.class,
                        e -> ValidationFailed.of("regionCode", "not-found", "No region has this code."))
                .onErrorMap(
                        org.kepu.region.InvalidRegionCode.class,
                        e -> ValidationFailed.of(
                                "regionCode", "invalid-region-code", "A region code has 2, 4, 6 or 9 digits."));
        return Mono.zip(campaign, region).flatMap(found -> {
            List<FieldError> errors = ActivityRules.check(draft, found.getT1(), found.getT2(), organizer.scope());
            if (!errors.isEmpty()) {
                return Mono.error(new ValidationFailed(errors));
            }
            ActivityDraft canonical = draft.canonical(found.getT2().code());
            return Mono.just(canonical);
        });
    }

    private static boolean needsReview(ActivityDraft before, ActivityDraft after) {
        return !Objects.equals(before.title(), after.title())
                || !Objects.equals(before.subtitle(), after.subtitle())
                || !Objects.equals(before.description(), after.description())
                || !before.categories().equals(after.categories())
                || !before.audiences().equals(after.audiences())
                || !before.regionCode().equals(after.regionCode())
                || !before.campaignId().equals(after.campaignId())
                || before.mainVenue() != after.mainVenue();
    }

    /** Before and after of each changed field, for the audit trail. */
    private static Map<String, Object> changes(ActivityDraft before, ActivityDraft after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (var component : ActivityDraft.class.getRecordComponents()) {
            try {
                Object b = component.getAccessor().invoke(before);
                Object a = component.getAccessor().invoke(after);
                if (!Objects.equals(b, a)) {
                    changes.put(component.getName(), java.util.Arrays.asList(String.valueOf(b), String.valueOf(a)));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return changes;
    }

    private static Mono<Void> reason(String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() < 2 || reason.length() > 500) {
            return Mono.error(ValidationFailed.of("reason", "length", "Give a reason of 2 to 500 characters."));
        }
        return Mono.empty();
    }

    static Mono<Void> require(Actor actor, Role role) {
        return actor.has(role) ? Mono.empty() : Mono.error(() -> new Forbidden("This needs the " + role + " role."));
    }

    private Mono<Void> audit(Actor actor, String action, UUID id, Map<String, ?> details) {
        return audit.record(actor.username(), action, "activity", id.toString(), details);
    }

    /**
     * Imports a file's rows as drafts of the organizer's unit, all or none. Every row is validated like
     * {@link #create}; if any row has a problem, from reading it or from the rules, nothing is stored and
     * {@link ImportFailed} lists every bad row. Otherwise all drafts are stored in one transaction, each
     * with its audit entry; they come back in file order.
     */
    public Mono<List<Activity>> importDrafts(Actor organizer, List<ImportRow> rows) {
        return require(organizer, Role.ORGANIZER)
                .then(ImportBatch.validate(rows, draft -> validated(organizer, draft)))
                .flatMap(valid -> {
                    Instant now = clock.instant();
                    return tx.transactional(Flux.fromIterable(valid)
                            .concatMap(row -> {
                                Activity activity = ImportBatch.draft(organizer, row.draft(), now);
                                return activities
                                        .insert(activity, organizer.username(), Optional.empty())
                                        .then(audit(
                                                organizer,
                                                "activity.imported",
                                                activity.id(),
                                                Map.of("title", activity.draft().title(), "row", row.row())))
                                        .thenReturn(activity);
                            })
                            .collectList());
                });
    }
}
