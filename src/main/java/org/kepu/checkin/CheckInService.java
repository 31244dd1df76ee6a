package org.kepu.checkin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityNotFound;
import org.kepu.activity.ActivityService;
import org.kepu.activity.ActivityStatus;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.ratelimit.RateLimited;
import org.kepu.shared.ratelimit.RateLimiter;
import org.kepu.shared.security.Actor;
import org.kepu.shared.web.ParticipantCookie;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The check-in module's API. Participants check in with a venue token (rotating QR code) or an online token
 * (handed out by the livestream after a minimum watch time); each participant is stored once per activity,
 * and the answer comes only after the commit. Organizers get their activity's current venue token and its
 * check-in figures.
 */
@Service
public class CheckInService {

    private static final String PER_PARTICIPANT = "kepu:checkin:rate:participant:";

    private final ActivityService activities;
    private final CheckInWriter writer;
    private final CheckInCounts counts;
    private final CheckInSummaries summaries;
    private final IdempotencyKeys keys;
    private final RateLimiter limiter;
    private final CheckInProperties properties;
    private final VenueTokens tokens;
    private final Participants participants;
    private final WebProperties web;
    private final Clock clock;

    CheckInService(
            ActivityService activities,
            CheckInWriter writer,
            CheckInCounts counts,
            CheckInSummaries summaries,
            IdempotencyKeys keys,
            RateLimiter limiter,
            CheckInProperties properties,
            WebProperties web,
            Clock clock) {
        this.activities = activities;
        this.writer = writer;
        this.counts = counts;
        this.summaries = summaries;
        this.keys = keys;
        this.limiter = limiter;
        this.properties = properties;
        this.tokens = VenueTokens.of(properties, clock);
        this.participants = new Participants(properties.participantKey());
        this.web = web;
        this.clock = clock;
    }

    // ---- participants ------------------------------------------------------------------------------------

    /** A new anonymous participant id. */
    public UUID newParticipant() {
        return UUID.randomUUID();
    }

    /** The signed cookie value for a participant. */
    public String participantCookie(UUID participant) {
        return participants.sign(participant);
    }

    /** The participant a cookie value names; empty when it is missing, unsigned or tampered with. */
    public Optional<UUID> participant(String cookie) {
        return participants.verify(cookie);
    }

    /** The participant of the request's {@code kepu_pid} cookie; empty when it is missing or not ours. */
    public Optional<UUID> participant(ServerHttpRequest request) {
        return participant(ParticipantCookie.value(request));
    }

    /** The request's participant, or a new one whose cookie is set on the response. */
    public UUID participantOrNew(ServerHttpRequest request, ServerHttpResponse response) {
        return participant(request).orElseGet(() -> {
            UUID participant = newParticipant();
            issueParticipantCookie(response, participant);
            return participant;
        });
    }

    /** Sets a participant's signed {@code kepu_pid} cookie on the response. */
    public void issueParticipantCookie(ServerHttpResponse response, UUID participant) {
        ParticipantCookie.issue(response, participantCookie(participant), web);
    }

    // ---- check-in ----------------------------------------------------------------------------------------

    /**
     * Checks a participant in. Replays the stored answer for a repeated {@code Idempotency-Key} with the same
     * request; completes only after the check-in (and the key's answer) are committed.
     */
    public Mono<CheckInReceipt> checkIn(CheckIn request) {
        return limit(request)
                .then(Mono.defer(() ->
                        request.idempotencyKey().map(key -> keyed(request, key)).orElseGet(() -> record(request))))
                // a client waiting for its own first request (e.g. one that died with an instance) is told to retry
                // every second: those answers must not use up its check-in limit and end in 429
                .onErrorResume(
                        IdempotencyKeyInFlight.class, e -> refund(request).then(Mono.error(e)));
    }

    private Mono<CheckInReceipt> keyed(CheckIn request, String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return Mono.error(() ->
                    ValidationFailed.of("Idempotency-Key", "invalid-value", "Send 1 to 255 visible ASCII characters."));
        }
        UUID participant = request.participantId();
        return keys.claim(participant, key, hash(request))
                .flatMap(claim -> claim.replay()
                        .map(Mono::just)
                        .orElseGet(() -> record(request)
                                .flatMap(receipt ->
                                        keys.complete(participant, key, receipt).thenReturn(receipt))
                                .onErrorResume(e -> keys.release(participant, key)
                                        .onErrorResume(ignored -> Mono.empty())
                                        .then(Mono.error(e)))));
    }

    private Mono<CheckInReceipt> record(CheckIn request) {
        return open(request.activityId()).flatMap(activity -> {
            Channel channel = tokens.verify(activity.id(), request.participantId(), request.token());
            Instant now = clock.instant();
            CheckInRules.open(activity.draft(), now, properties.opensBefore());
            if (channel == Channel.ONSITE) {
                CheckInRules.geofence(activity.draft(), request.lat(), request.lon());
            } else {
                CheckInRules.online(activity.draft());
            }
            return writer.record(activity.id(), request.participantId(), channel, now)
                    .map(r -> new CheckInReceipt(r.checkInId(), r.checkedInAt(), r.firstTime(), false));
        });
    }

    private Mono<Void> limit(CheckIn request) {
        if (!properties.rateLimits()) {
            return Mono.empty();
        }
        Duration window = properties.rateWindow();
        return Mono.zip(
                        limiter.hit(PER_PARTICIPANT + request.participantId(), window),
                        limiter.hit("kepu:checkin:rate:address:" + request.clientAddress(), window))
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

    private Mono<Void> refund(CheckIn request) {
        return properties.rateLimits() ? limiter.refund(PER_PARTICIPANT + request.participantId()) : Mono.empty();
    }

    /** What makes two requests "the same" for an Idempotency-Key: the activity and the body's fields. */
    private static String hash(CheckIn request) {
        String canonical = request.activityId() + "\n" + request.token() + "\n" + request.lat() + "\n" + request.lon();
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- online ------------------------------------------------------------------------------------------

    /**
     * A livestream viewer's check-in token, once they have watched for the minimum time while the activity is
     * live; for the live module to hand out. Only this participant can use it.
     */
    public Mono<OnlineToken> onlineToken(UUID activityId, UUID participant, Duration watched) {
        return open(activityId).map(activity -> {
            CheckInRules.online(activity.draft());
            Instant now = clock.instant();
            if (now.isBefore(activity.draft().startsAt())
                    || !now.isBefore(activity.draft().endsAt())) {
                throw new NotOpen();
            }
            if (watched.compareTo(properties.minWatchTime()) < 0) {
                throw new WatchTimeTooShort();
            }
            return tokens.online(activity.id(), participant);
        });
    }

    /**
     * Whether this participant checked in to this activity (a committed check-in, on site or online); for
     * feedback, which only participants who were there may give.
     */
    public Mono<Boolean> hasCheckedIn(UUID activityId, UUID participant) {
        return summaries.checkedIn(activityId, participant);
    }

    // ---- counts and organizers -----------------------------------------------------------------------------

    /** How many participants checked in (cached in Redis, rebuilt from PostgreSQL when missing). */
    public Mono<Long> count(UUID activityId) {
        return counts.count(activityId);
    }

    /** The current venue token of the organizer's own activity (not found for anyone else's). */
    public Mono<VenueToken> venueToken(Actor organizer, UUID activityId) {
        return activities.own(organizer, activityId).map(Activity::id).map(id -> {
            String token = tokens.venue(id);
            return new VenueToken(token, "/check-in/" + id + "?t=" + token, tokens.windowEnd());
        });
    }

    /** The organizer's view of their own activity's check-ins. */
    public Mono<CheckInSummary> summary(Actor organizer, UUID activityId) {
        return activities
                .own(organizer, activityId)
                .flatMap(activity -> Mono.zip(count(activity.id()), summaries.split(activity.id())))
                .map(t -> new CheckInSummary(
                        t.getT1(),
                        t.getT2().onsite(),
                        t.getT2().online(),
                        t.getT2().timeline()));
    }

    /** Where QR codes point: the configured public origin, or empty to use the request's. */
    public String publicBaseUrl() {
        return properties.publicBaseUrl();
    }

    /** Forgets Idempotency-Keys past their lifetime, a bounded number per call; returns how many. */
    public Mono<Long> purgeIdempotencyKeys() {
        return keys.purge();
    }

    /**
     * The activity, if public and not cancelled, as read at most a few seconds ago: a venue's crowd scans within
     * the same minute.
     */
    private Mono<Activity> open(UUID id) {
        return activities
                .publishedRecently(id)
                .filter(a -> a.status() != ActivityStatus.CANCELLED)
                .switchIfEmpty(Mono.error(ActivityNotFound::new));
    }
}
