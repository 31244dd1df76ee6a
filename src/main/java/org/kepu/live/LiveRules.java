package org.kepu.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityStatus;
import org.kepu.activity.Format;

/** The livestream's state from the activity's times and the organizer's override; pure, tested without engines. */
final class LiveRules {

    private LiveRules() {}

    static boolean hasLivestream(Activity a) {
        return a.draft().format() != Format.ONSITE
                && a.draft().liveUrl() != null
                && !a.draft().liveUrl().isBlank();
    }

    /**
     * Cancelled or past its scheduled end: ended, whatever the override says (an override never extends a
     * livestream beyond its published end). Otherwise the override wins, then the times.
     */
    static LiveState state(Activity a, Optional<LiveState> override, Instant now) {
        if (a.status() == ActivityStatus.CANCELLED || !now.isBefore(a.draft().endsAt())) {
            return LiveState.ENDED;
        }
        if (override.isPresent()) {
            return override.get();
        }
        return now.isBefore(a.draft().startsAt()) ? LiveState.SCHEDULED : LiveState.LIVE;
    }

    /** Viewers may connect while it is live or interrupted, and from {@code opensBefore} its start. */
    static void watchable(Activity a, LiveState state, Instant now, Duration opensBefore) {
        if (!hasLivestream(a)) {
            throw new NoLivestream();
        }
        if (state == LiveState.ENDED
                || (state == LiveState.SCHEDULED
                        && now.isBefore(a.draft().startsAt().minus(opensBefore)))) {
            throw new LiveNotOpen();
        }
    }

    /** The override an action sets (empty: back to the times), or LiveNotOpen when it does not apply now. */
    static Optional<LiveState> apply(LiveAction action, LiveState state) {
        if (state == LiveState.ENDED) {
            throw new LiveNotOpen();
        }
        return switch (action) {
            case START -> Optional.of(LiveState.LIVE);
            case END -> Optional.of(LiveState.ENDED);
            case INTERRUPT -> {
                if (state != LiveState.LIVE) {
                    throw new LiveNotOpen();
                }
                yield Optional.of(LiveState.INTERRUPTED);
            }
            case RESUME -> {
                if (state != LiveState.INTERRUPTED) {
                    throw new LiveNotOpen();
                }
                yield Optional.of(LiveState.LIVE);
            }
        };
    }
}
