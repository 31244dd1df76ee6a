package org.kepu.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityService;
import org.kepu.activity.Format;
import org.kepu.activity.PublicStatus;
import org.kepu.checkin.CheckInProperties;
import org.kepu.checkin.CheckInService;
import org.kepu.checkin.NotOpen;
import org.kepu.checkin.WatchTimeTooShort;
import org.kepu.discovery.DiscoveryService;
import org.kepu.discovery.SearchQuery;
import org.kepu.discovery.SearchResult;
import org.kepu.feedback.SensitiveWords;
import org.kepu.feedback.TextRejected;
import org.kepu.feedback.UserText;
import org.kepu.feedback.Verdict;
import org.kepu.live.LiveHub.Event;
import org.kepu.shared.audit.AuditLog;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.ratelimit.RateLimited;
import org.kepu.shared.ratelimit.RateLimiter;
import org.kepu.shared.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The live module's API. Viewers get one event stream per live page ({@link #watch}) and post chat comments;
 * organizers override the state of their own activity's livestream; organizers and reviewers moderate the
 * chat; {@link #liveNow} lists what is live. Streams are bytes of server-sent events, encoded once per
 * instance.
 */
@Service
public class LiveService {

    private static final Logger log = LoggerFactory.getLogger(LiveService.class);
    private static final Set<Format> ONLINE = EnumSet.of(Format.ONLINE, Format.HYBRID);

    private final LiveHub hub;
    private final LiveStates states;
    private final Comments comments;
    private final Presence presence;
    private final Mutes mutes;
    private final ActivityService activities;
    private final CheckInService checkIns;
    private final DiscoveryService discovery;
    private final SensitiveWords words;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final LiveProperties properties;
    private final Duration minWatchTime;
    private final Clock clock;
    private final AtomicLong localIds = new AtomicLong();
    private final Runnable slowConsumerDropped;

    LiveService(
            LiveHub hub,
            LiveStates states,
            Comments comments,
            Presence presence,
            Mutes mutes,
            ActivityService activities,
            CheckInService checkIns,
            CheckInProperties checkInProperties,
            DiscoveryService discovery,
            SensitiveWords words,
            RateLimiter limiter,
            AuditLog audit,
            LiveProperties properties,
            Clock clock) {
        this.hub = hub;
        this.states = states;
        this.comments = comments;
        this.presence = presence;
        this.mutes = mutes;
        this.activities = activities;
        this.checkIns = checkIns;
        this.discovery = discovery;
        this.words = words;
        this.limiter = limiter;
        this.audit = audit;
        this.properties = properties;
        this.minWatchTime = checkInProperties.minWatchTime();
        this.clock = clock;
        this.slowConsumerDropped = hub::slowConsumerDropped; // one for all streams
        hub.checkInCodes(this::issueCheckInCode, minWatchTime);
    }

    // ---- viewers ---------------------------------------------------------------------------------------

    /**
     * A viewer's event stream: the retry delay, the state, the counts, the comments missed since {@code
     * lastEventId}, then everything live, heartbeats included; the online check-in code once the viewer has
     * watched for the minimum time. Errors before the first event (no livestream, ended, too many streams)
     * come as the Mono's error, so they can still be answered as problems.
     */
    public Mono<Flux<byte[]>> watch(UUID activityId, UUID participant, String address, Optional<String> lastEventId) {
        return watch(activityId, participant, address, lastEventId, Runnable::run);
    }

    /**
     * The same, with the event loop of the viewer's connection: events for it are handed over on that loop,
     * so writing them needs no further hop between threads.
     */
    public Mono<Flux<byte[]>> watch(
            UUID activityId, UUID participant, String address, Optional<String> lastEventId, Executor loop) {
        return states.current(activityId).map(current -> {
            Instant now = clock.instant();
            LiveState state = LiveRules.state(current.activity(), current.override(), now);
            LiveRules.watchable(current.activity(), state, now, properties.opensBefore());
            Optional<String> after = lastEventId.filter(Comments::isId);
            return stream(current.activity(), participant, address, state, after, loop);
        });
    }

    private Flux<byte[]> stream(
            Activity activity,
            UUID participant,
            String address,
            LiveState state,
            Optional<String> after,
            Executor loop) {
        return Flux.defer(() -> {
            hub.admit(address);
            LiveHub.Room[] entered = new LiveHub.Room[1];
            Viewer viewer = new Viewer(
                    participant, loop, properties.bufferFrames(), System.nanoTime(), slowConsumerDropped, v -> {
                        if (entered[0] != null) {
                            hub.leave(entered[0], v);
                        }
                        hub.release(address);
                    });
            LiveHub.Room room = hub.enter(activity.id(), activity.draft().regionCode(), viewer, state);
            entered[0] = room;
            long jitter =
                    ThreadLocalRandom.current().nextLong(properties.retry().toMillis() / 2 + 1);
            viewer.opening(room.listening
                    .then(presence.join(activity.id(), room.region, participant, minWatchTime))
                    .doOnNext(watched -> viewer.watchingSince = System.nanoTime() - watched.toNanos())
                    .onErrorResume(e -> Mono.empty()) // Redis away: the watch time starts with this stream
                    .then(comments.read(activity.id(), after)
                            .onErrorResume(e -> Mono.just(new Comments.Read(after.orElse("0-0"), List.of()))))
                    .subscribe(read -> {
                        List<Event> first = new ArrayList<>(3 + read.after().size());
                        first.add(Event.of(
                                Event.OTHER,
                                null,
                                Frames.retry(properties.retry().toMillis() + jitter)));
                        first.add(Event.of(
                                Event.STATUS, null, Frames.status(room.state, after.isEmpty() ? read.newest() : null)));
                        if (room.counts != null) {
                            first.add(room.counts);
                        }
                        for (Comments.Entry entry : read.after()) {
                            first.add(Event.of(Event.COMMENT, entry.id(), Frames.comment(entry.id(), entry.tail())));
                        }
                        String last = read.after().isEmpty()
                                ? (after.isEmpty() ? read.newest() : after.get())
                                : read.after().get(read.after().size() - 1).id();
                        viewer.open(first, last);
                    }));
            return Flux.from(viewer);
        });
    }

    /** Asks for a viewer's check-in code once its watch time is up; asks again next tick while not open. */
    private void issueCheckInCode(LiveHub.Room room, Viewer viewer) {
        Duration watched = Duration.ofNanos(System.nanoTime() - viewer.watchingSince);
        checkIns.onlineToken(room.activity, viewer.participant, watched)
                .subscribe(
                        token -> {
                            viewer.checkIn = Viewer.DONE;
                            viewer.offerOwn(Event.of(Event.OTHER, null, Frames.checkInCode(token.token())));
                        },
                        e -> {
                            boolean later = e instanceof NotOpen || e instanceof WatchTimeTooShort;
                            viewer.checkIn = later ? Viewer.WAITING : Viewer.DONE;
                            if (!later) {
                                log.debug("no online check-in code for this viewer: {}", e.toString());
                            }
                        },
                        () -> {
                            if (viewer.checkIn == Viewer.ASKING) {
                                viewer.checkIn = Viewer.DONE;
                            }
                        });
    }

    /** Whether Redis stream id {@code a} comes after {@code b} (ids are "millis-sequence"). */
    static boolean newer(String a, String b) {
        int da = a.indexOf('-'), db = b.indexOf('-');
        long ma = Long.parseLong(a.substring(0, da)), mb = Long.parseLong(b.substring(0, db));
        return ma != mb ? ma > mb : Long.parseLong(a.substring(da + 1)) > Long.parseLong(b.substring(db + 1));
    }

    /**
     * Posts a chat comment (plain text, at most 200 characters) while the activity is live. Words on the
     * sensitive list refuse it, whether listed to block or to hold: a chat line shown minutes later after a
     * moderator's review would be pointless. Redis down: it still reaches this instance's viewers.
     */
    public Mono<Void> comment(UUID activityId, UUID participant, String address, String raw) {
        return Mono.fromCallable(() -> {
                    String text = UserText.clean(raw, "text", 200, false)
                            .orElseThrow(() -> ValidationFailed.of("text", "required", "Write something."));
                    if (words.check(text) != Verdict.ALLOW) {
                        throw new TextRejected();
                    }
                    return text;
                })
                .flatMap(text -> limit(participant, address)
                        .then(states.current(activityId))
                        .flatMap(current -> {
                            Instant now = clock.instant();
                            if (!LiveRules.hasLivestream(current.activity())) {
                                return Mono.error(new NoLivestream());
                            }
                            if (LiveRules.state(current.activity(), current.override(), now) != LiveState.LIVE) {
                                return Mono.error(new LiveNotOpen());
                            }
                            return mutes.isMuted(activityId, participant)
                                    .flatMap(muted -> muted
                                            ? Mono.error(new ParticipantMuted())
                                            : post(activityId, participant, Frames.commentTail(text, now)));
                        }));
    }

    private Mono<Void> post(UUID activity, UUID participant, String tail) {
        return comments.add(activity, participant, tail)
                .onErrorResume(e -> {
                    log.debug("comment kept on this instance only: {}", e.toString());
                    return Mono.just(clock.millis() + "-" + (1_000_000_000L + localIds.incrementAndGet()));
                })
                .flatMap(id -> hub.publish(activity, Event.of(Event.COMMENT, id, Frames.comment(id, tail))));
    }

    private Mono<Void> limit(UUID participant, String address) {
        Duration window = properties.rateWindow();
        return Mono.zip(
                        limiter.hit("kepu:live:rate:participant:" + participant, window),
                        limiter.hit("kepu:live:rate:address:" + address, window))
                .flatMap(hits -> {
                    if (hits.getT1().count() > properties.perParticipant()) {
                        return Mono.error(new RateLimited(hits.getT1().remaining()));
                    }
                    if (hits.getT2().count() > properties.perAddress()) {
                        return Mono.error(new RateLimited(hits.getT2().remaining()));
                    }
                    return Mono.empty();
                });
    }

    // ---- organizers and moderators ---------------------------------------------------------------------

    /** The organizer's own activity's livestream state after an action (start early, end, interrupt, resume). */
    public Mono<LiveState> act(Actor organizer, UUID activityId, LiveAction action) {
        return activities
                .own(organizer, activityId)
                .flatMap(own -> states.current(activityId).flatMap(current -> {
                    if (!LiveRules.hasLivestream(current.activity())) {
                        return Mono.error(new NoLivestream());
                    }
                    Instant now = clock.instant();
                    LiveState before = LiveRules.state(current.activity(), current.override(), now);
                    Optional<LiveState> override = LiveRules.apply(action, before);
                    LiveState after = LiveRules.state(current.activity(), override, now);
                    return states.set(activityId, override, organizer.username(), now)
                            .then(audit.record(
                                    organizer.username(),
                                    "live." + action.name().toLowerCase(),
                                    "activity",
                                    activityId.toString(),
                                    Map.of("from", before.name(), "to", after.name())))
                            .then(hub.publish(activityId, Event.of(Event.STATUS, null, Frames.status(after, null))))
                            .thenReturn(after);
                }));
    }

    /** The state viewers see now. */
    public Mono<LiveState> state(UUID activityId) {
        return states.current(activityId).map(c -> LiveRules.state(c.activity(), c.override(), clock.instant()));
    }

    /**
     * Removes a chat comment: from the replay kept for reconnecting viewers and from every open page. The
     * organizer of the activity, or a reviewer whose subtree holds it ({@code asReviewer}).
     */
    public Mono<Void> removeComment(Actor moderator, UUID activityId, String commentId, boolean asReviewer) {
        return moderated(moderator, activityId, asReviewer)
                .then(Mono.fromCallable(() -> Comments.isId(commentId)))
                .flatMap(valid -> valid ? comments.remove(activityId, commentId) : Mono.just(false))
                .flatMap(removed -> removed ? Mono.just(true) : Mono.error(new CommentNotFound()))
                .then(audit.record(
                        moderator.username(),
                        "live.comment-removed",
                        "activity",
                        activityId.toString(),
                        Map.of("comment", commentId)))
                .then(hub.publish(activityId, Event.of(Event.OTHER, null, Frames.removed(commentId))));
    }

    /** Mutes the author of a comment in this activity's chat (the author's id is never shown to anyone). */
    public Mono<Void> muteAuthor(Actor moderator, UUID activityId, String commentId, boolean asReviewer) {
        return moderated(moderator, activityId, asReviewer)
                .then(Mono.fromCallable(() -> Comments.isId(commentId)))
                .flatMap(valid -> valid ? comments.author(activityId, commentId) : Mono.empty())
                .switchIfEmpty(Mono.error(CommentNotFound::new))
                .flatMap(author -> mutes.mute(activityId, author, moderator.username(), clock.instant()))
                .then(audit.record(
                        moderator.username(),
                        "live.author-muted",
                        "activity",
                        activityId.toString(),
                        Map.of("comment", commentId)));
    }

    private Mono<Activity> moderated(Actor moderator, UUID activityId, boolean asReviewer) {
        return asReviewer ? activities.reviewable(moderator, activityId) : activities.own(moderator, activityId);
    }

    // ---- listing ---------------------------------------------------------------------------------------

    /**
     * Online and hybrid activities live now, in search's shape and with search's filters (the status and the
     * format are this listing's own). An organizer's early start shows from the scheduled start (the index
     * knows the times only); an early end or an interruption shows at once.
     */
    public Mono<SearchResult> liveNow(SearchQuery query) {
        Set<Format> formats = EnumSet.copyOf(ONLINE);
        if (!query.formats().isEmpty()) {
            formats.retainAll(query.formats());
        }
        if (formats.isEmpty()) {
            return Mono.just(new SearchResult(List.of(), 0L, null, false, Map.of()));
        }
        SearchQuery live = new SearchQuery(
                query.text(),
                query.region(),
                query.campaignId(),
                query.campaignKind(),
                query.campaignYear(),
                query.categories(),
                query.audiences(),
                formats,
                Optional.empty(),
                Optional.empty(),
                query.near(),
                EnumSet.of(PublicStatus.LIVE),
                query.sort(),
                query.size(),
                query.after());
        return discovery.search(live).flatMap(result -> {
            List<UUID> ids = result.items().stream()
                    .map(item -> UUID.fromString(String.valueOf(item.get("id"))))
                    .toList();
            return states.overrides(ids).map(overrides -> {
                List<Map<String, Object>> items = new ArrayList<>();
                for (Map<String, Object> item : result.items()) {
                    if (!(item.get("live") instanceof Map<?, ?> liveField)) {
                        continue; // no live URL: nothing to watch
                    }
                    LiveState state =
                            overrides.getOrDefault(UUID.fromString(String.valueOf(item.get("id"))), LiveState.LIVE);
                    if (state == LiveState.ENDED) {
                        continue;
                    }
                    Map<String, Object> copy = new LinkedHashMap<>(item);
                    Map<String, Object> field = new LinkedHashMap<>();
                    field.put("url", liveField.get("url"));
                    field.put("state", state.name());
                    copy.put("live", field);
                    items.add(copy);
                }
                return new SearchResult(items, result.total(), result.nextCursor(), result.degraded(), result.facets());
            });
        });
    }

    /** Streams on this instance (for metrics and tests). */
    public int streams() {
        return hub.streams();
    }
}
