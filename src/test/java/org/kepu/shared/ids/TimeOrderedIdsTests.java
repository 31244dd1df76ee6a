package org.kepu.shared.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTests {

    @Test
    void versionSevenWithTheMillisecondFirst() {
        long millis = 1_795_000_000_123L;
        UUID id = TimeOrderedIds.at(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        // the text form starts with the 48-bit millisecond in hex, as PostgreSQL's uuid_extract_timestamp reads it
        assertThat(id.toString().replace("-", "").substring(0, 12)).isEqualTo(String.format("%012x", millis));
    }

    @Test
    void laterIdsSortAfterEarlierOnesBytewise() {
        UUID earlier = TimeOrderedIds.at(1_795_000_000_000L);
        UUID later = TimeOrderedIds.at(1_795_000_000_001L);
        // PostgreSQL compares uuids as unsigned bytes, which is how their hex text sorts
        assertThat(later.toString().compareTo(earlier.toString())).isPositive();
        assertThat(HexFormat.of()
                        .formatHex(bytes(later))
                        .compareTo(HexFormat.of().formatHex(bytes(earlier))))
                .isPositive();
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.at(1_795_000_000_000L));
        }
        assertThat(ids).hasSize(10_000);
        assertThat(TimeOrderedIds.next().version()).isEqualTo(7);
    }

    private static byte[] bytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
