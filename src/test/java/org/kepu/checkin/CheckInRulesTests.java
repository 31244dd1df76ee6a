package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kepu.activity.ActivityDraft;
import org.kepu.activity.Format;
import org.kepu.activity.Venue;
import org.kepu.shared.error.ValidationFailed;

class CheckInRulesTests {

    static final Instant START = Instant.parse("2026-09-12T01:00:00Z");
    static final Instant END = Instant.parse("2026-09-12T09:00:00Z");

    static ActivityDraft draft(Integer radius, Format format) {
        return new ActivityDraft(
                "鸠江区科普活动",
                null,
                null,
                "340207",
                new Venue("科技馆", "芜湖", 31.37, 118.40),
                START,
                END,
                format,
                Set.of(),
                Set.of(),
                false,
                "",
                null,
                null,
                null,
                null,
                null,
                radius);
    }

    @Test
    void checkInOpensBeforeTheStartAndClosesAtTheEnd() {
        ActivityDraft d = draft(null, Format.ONSITE);
        Duration before = Duration.ofMinutes(30);
        assertThatThrownBy(() -> CheckInRules.open(d, START.minus(Duration.ofMinutes(31)), before))
                .isInstanceOf(NotOpen.class);
        assertThatCode(() -> CheckInRules.open(d, START.minus(before), before)).doesNotThrowAnyException();
        assertThatCode(() -> CheckInRules.open(d, END.minusSeconds(1), before)).doesNotThrowAnyException();
        assertThatThrownBy(() -> CheckInRules.open(d, END, before)).isInstanceOf(NotOpen.class);
    }

    @Test
    void theGeofenceNeedsAPositionWithinTheRadius() {
        ActivityDraft fenced = draft(500, Format.ONSITE);
        assertThatCode(() -> CheckInRules.geofence(fenced, 31.372, 118.402)).doesNotThrowAnyException();
        assertThatThrownBy(() -> CheckInRules.geofence(fenced, 31.38, 118.40)).isInstanceOf(OutsideGeofence.class);
        assertThatThrownBy(() -> CheckInRules.geofence(fenced, null, 118.40)).isInstanceOf(ValidationFailed.class);
        assertThatCode(() -> CheckInRules.geofence(draft(null, Format.ONSITE), null, null))
                .doesNotThrowAnyException();
    }

    @Test
    void distancesAreGreatCircleMetres() {
        // one thousandth of a degree of latitude is about 111 m
        assertThat(CheckInRules.distanceM(31.37, 118.40, 31.371, 118.40)).isBetween(110.0, 112.5);
    }
}
