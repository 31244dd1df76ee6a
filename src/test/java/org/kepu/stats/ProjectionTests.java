package org.kepu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionTests {

    @Test
    void theWatermarkStopsBeforeAFreshGapAndPassesItOnceFilled() {
        Projection waiting = new Projection(null, null, 100, Duration.ofHours(1));
        assertThat(waiting.advance(10, rows(11, 12, 14, 15))).isEqualTo(12); // 13 may still commit
        assertThat(waiting.advance(12, rows(14, 15))).isEqualTo(12);
        assertThat(waiting.advance(12, rows(13, 14, 15))).isEqualTo(15); // it did
    }

    @Test
    void aGapOlderThanTheTimeoutIsTakenAsARollback() {
        Projection impatient = new Projection(null, null, 100, Duration.ZERO);
        assertThat(impatient.advance(10, rows(11, 14))).isEqualTo(14);
    }

    private static List<Projection.Row> rows(long... ids) {
        return Arrays.stream(ids)
                .mapToObj(id -> new Projection.Row(id, "activity", "x"))
                .toList();
    }
}
