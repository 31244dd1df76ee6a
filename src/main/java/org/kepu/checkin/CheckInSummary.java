package org.kepu.checkin;

import java.time.Instant;
import java.util.List;

/** An activity's check-ins for its organizer: the count, the on-site/online split and a 5-minute timeline. */
public record CheckInSummary(long count, long onsite, long online, List<Slot> timeline) {

    public CheckInSummary {
        timeline = List.copyOf(timeline);
    }

    /** Check-ins in the five minutes starting at {@code at}. */
    public record Slot(Instant at, long count) {}
}
