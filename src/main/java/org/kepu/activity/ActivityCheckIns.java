package org.kepu.activity;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Where the public {@code checkIns} of an activity come from. The check-in module implements it (it depends
 * on activity, so activity asks through this interface and the modules stay free of cycles). Without an
 * implementation every activity shows 0.
 */
public interface ActivityCheckIns {

    /** How many participants checked in to each of these activities; activities without any may be left out. */
    Mono<Map<UUID, Long>> checkIns(Collection<UUID> activityIds);
}
