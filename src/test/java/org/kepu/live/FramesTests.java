package org.kepu.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FramesTests {

    @Test
    void userTextStaysOnOneDataLineAndInert() {
        String frame =
                Frames.comment("1700000000000-0", Frames.commentTail("a\nb\r\"<script>\"&\u2028", Instant.EPOCH));
        assertThat(frame)
                .isEqualTo(
                        "id: 1700000000000-0\nevent: comment\ndata: {\"id\":\"1700000000000-0\",\"text\":"
                                + "\"a\\nb\\r\\\"\\u003cscript\\u003e\\\"\\u0026\\u2028\",\"at\":\"1970-01-01T00:00:00Z\"}\n\n");
        assertThat(frame.split("\n")).hasSize(3);
    }

    @Test
    void eventsHaveTheirApiShapes() {
        assertThat(Frames.viewers(3, 7)).isEqualTo("event: viewers\ndata: {\"current\":3,\"unique\":7}\n\n");
        assertThat(Frames.status(LiveState.LIVE, "5-1"))
                .isEqualTo("id: 5-1\nevent: status\ndata: {\"state\":\"LIVE\"}\n\n");
        assertThat(Frames.checkInCode("o1.abc")).isEqualTo("event: checkin-code\ndata: {\"token\":\"o1.abc\"}\n\n");
    }

    @Test
    void commentIdsCompareAsTimeThenSequence() {
        assertThat(LiveService.newer("1700000000001-0", "1700000000000-9")).isTrue();
        assertThat(LiveService.newer("1700000000000-10", "1700000000000-9")).isTrue();
        assertThat(LiveService.newer("1700000000000-9", "1700000000000-9")).isFalse();
        assertThat(Comments.isId("1700000000000-0")).isTrue();
        assertThat(Comments.isId("abc")).isFalse();
        assertThat(Comments.isId("1-0\nevent: x")).isFalse();
    }
}
