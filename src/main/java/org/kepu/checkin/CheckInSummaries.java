package org.kepu.checkin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The on-site/online split and the 5-minute timeline, from PostgreSQL (the organizer's screen polls it). */
@Component
class CheckInSummaries {

    record Split(long onsite, long online, List<CheckInSummary.Slot> timeline) {}

    private record Bucket(String channel, Instant at, long n) {}

    private final DatabaseClient db;

    CheckInSummaries(DatabaseClient db) {
        this.db = db;
    }

    /** Whether the participant has a committed check-in for the activity (any channel). */
    Mono<Boolean> checkedIn(UUID activity, UUID participant) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM checkin.check_in WHERE activity_id = :a AND participant_id = :p)"
                        + " AS found")
                .bind("a", activity)
                .bind("p", participant)
                .map(row -> row.get("found", Boolean.class))
                .one();
    }

    Mono<Split> split(UUID activity) {
        return db.sql("SELECT channel, date_bin('5 minutes', checked_in_at, TIMESTAMPTZ '2000-01-01Z') AS at,"
                        + " count(*) AS n FROM checkin.check_in WHERE activity_id = :a GROUP BY channel, at")
                .bind("a", activity)
                .map(row -> new Bucket(
                        row.get("channel", String.class), row.get("at", Instant.class), row.get("n", Long.class)))
                .all()
                .collectList()
                .map(buckets -> {
                    long onsite = 0;
                    long online = 0;
                    TreeMap<Instant, Long> timeline = new TreeMap<>();
                    for (Bucket b : buckets) {
                        if (b.channel().equals(Channel.ONLINE.name())) {
                            online += b.n();
                        } else {
                            onsite += b.n();
                        }
                        timeline.merge(b.at(), b.n(), Long::sum);
                    }
                    List<CheckInSummary.Slot> slots = new ArrayList<>();
                    timeline.forEach((at, n) -> slots.add(new CheckInSummary.Slot(at, n)));
                    return new Split(onsite, online, slots);
                });
    }
}
