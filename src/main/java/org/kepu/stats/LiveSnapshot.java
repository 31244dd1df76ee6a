package org.kepu.stats;

import java.time.Instant;
import java.util.List;

/**
 * What the big screen shows for a region: check-ins per child region and how many activities are live now.
 *
 * @param code the region's code; null for the whole country
 * @param liveNow activities (not cancelled) between their start and end at {@code at}
 */
public record LiveSnapshot(
        String code,
        String name,
        long checkInsOnsite,
        long checkInsOnline,
        long liveNow,
        List<Child> children,
        Instant at) {

    public record Child(String code, String name, long checkInsOnsite, long checkInsOnline) {}
}
