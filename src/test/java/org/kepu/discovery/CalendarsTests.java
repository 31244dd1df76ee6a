package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CalendarsTests {

    @Test
    void textIsEscapedForICalendar() {
        assertThat(Calendars.escape("科普; 讲座, 第1场\n地点\\二楼")).isEqualTo("科普\\; 讲座\\, 第1场\\n地点\\\\二楼");
    }

    @Test
    void longLinesFoldAt75OctetsWithoutSplittingACharacter() {
        StringBuilder out = new StringBuilder();
        Calendars.line(out, "SUMMARY:" + "全国科普日".repeat(20));
        String[] lines = out.toString().split("\r\n");
        assertThat(lines.length).isGreaterThan(1);
        for (String line : lines) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).startsWith(" ");
        }
        String unfolded = out.toString().replace("\r\n ", "").replace("\r\n", "");
        assertThat(unfolded).isEqualTo("SUMMARY:" + "全国科普日".repeat(20));
    }
}
