package org.kepu.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityDraft;
import org.kepu.activity.ActivityStatus;
import org.kepu.activity.Format;

class LiveRulesTests {

    static final Instant START = Instant.parse("2026-09-12T01:00:00Z");
    static final Instant END = Instant.parse("2026-09-12T03:00:00Z");

    static Activity activity(Format format, String url, ActivityStatus status) {
        ActivityDraft d = new ActivityDraft(
                "云上科普直播讲座",
                null,
                UUID.randomUUID(),
                "340207",
                null,
                START,
                END,
                format,
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                url,
                null);
        return new Activity(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "鸠江区科协",
                d,
                status,
                Optional.empty(),
                0,
                START,
                START,
                Optional.empty(),
                List.of());
    }

    static final Activity ONLINE = activity(Format.ONLINE, "https://live.example.cn/1", ActivityStatus.PUBLISHED);

    @Test
    void theStateFollowsTheTimesWithoutAnOverride() {
        assertThat(LiveRules.state(ONLINE, Optional.empty(), START.minusSeconds(1)))
                .isEqualTo(LiveState.SCHEDULED);
        assertThat(LiveRules.state(ONLINE, Optional.empty(), START)).isEqualTo(LiveState.LIVE);
        assertThat(LiveRules.state(ONLINE, Optional.empty(), END)).isEqualTo(LiveState.ENDED);
    }

    @Test
    void anOverrideWinsUntilTheScheduledEndButNeverExtendsIt() {
        Instant early = START.minus(Duration.ofMinutes(10));
        assertThat(LiveRules.state(ONLINE, Optional.of(LiveState.LIVE), early)).isEqualTo(LiveState.LIVE);
        assertThat(LiveRules.state(ONLINE, Optional.of(LiveState.ENDED), START.plusSeconds(60)))
                .isEqualTo(LiveState.ENDED);
        assertThat(LiveRules.state(ONLINE, Optional.of(LiveState.INTERRUPTED), START.plusSeconds(60)))
                .isEqualTo(LiveState.INTERRUPTED);
        assertThat(LiveRules.state(ONLINE, Optional.of(LiveState.LIVE), END)).isEqualTo(LiveState.ENDED);
        Activity cancelled = activity(Format.ONLINE, "https://live.example.cn/1", ActivityStatus.CANCELLED);
        assertThat(LiveRules.state(cancelled, Optional.of(LiveState.LIVE), START))
                .isEqualTo(LiveState.ENDED);
    }

    @Test
    void actionsApplyOnlyWhereTheyMakeSense() {
        assertThat(LiveRules.apply(LiveAction.START, LiveState.SCHEDULED)).contains(LiveState.LIVE);
        assertThat(LiveRules.apply(LiveAction.INTERRUPT, LiveState.LIVE)).contains(LiveState.INTERRUPTED);
        assertThat(LiveRules.apply(LiveAction.RESUME, LiveState.INTERRUPTED)).contains(LiveState.LIVE);
        assertThat(LiveRules.apply(LiveAction.END, LiveState.INTERRUPTED)).contains(LiveState.ENDED);
        assertThatThrownBy(() -> LiveRules.apply(LiveAction.INTERRUPT, LiveState.SCHEDULED))
                .isInstanceOf(LiveNotOpen.class);
        assertThatThrownBy(() -> LiveRules.apply(LiveAction.RESUME, LiveState.LIVE))
                .isInstanceOf(LiveNotOpen.class);
        assertThatThrownBy(() -> LiveRules.apply(LiveAction.START, LiveState.ENDED))
                .isInstanceOf(LiveNotOpen.class);
    }

    @Test
    void viewersConnectFromTheOpeningTimeOfALivestreamOnly() {
        Duration opens = Duration.ofMinutes(30);
        LiveRules.watchable(ONLINE, LiveState.SCHEDULED, START.minus(opens), opens);
        assertThatThrownBy(() -> LiveRules.watchable(
                        ONLINE, LiveState.SCHEDULED, START.minus(opens).minusSeconds(1), opens))
                .isInstanceOf(LiveNotOpen.class);
        assertThatThrownBy(() -> LiveRules.watchable(ONLINE, LiveState.ENDED, END, opens))
                .isInstanceOf(LiveNotOpen.class);
        Activity onsite = activity(Format.ONSITE, null, ActivityStatus.PUBLISHED);
        assertThatThrownBy(() -> LiveRules.watchable(onsite, LiveState.LIVE, START, opens))
                .isInstanceOf(NoLivestream.class);
        Activity noUrl = activity(Format.HYBRID, " ", ActivityStatus.PUBLISHED);
        assertThatThrownBy(() -> LiveRules.watchable(noUrl, LiveState.LIVE, START, opens))
                .isInstanceOf(NoLivestream.class);
    }
}
