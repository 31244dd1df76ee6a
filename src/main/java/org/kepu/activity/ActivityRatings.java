package org.kepu.activity;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Where the public {@code rating} of an activity comes from. The feedback module implements it: feedback
 * depends on activity (it needs the activity's times, region and organizer), so activity asks through this
 * interface instead of calling feedback, and the modules stay free of cycles. Without an implementation every
 * activity shows no rating.
 */
public interface ActivityRatings {

    /** The ratings of these activities; activities without any rating may be left out. */
    Mono<Map<UUID, ActivitySummaries.Rating>> ratings(Collection<UUID> activityIds);
}
