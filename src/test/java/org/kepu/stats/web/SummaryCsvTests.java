package org.kepu.stats.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryCsvTests {

    @Test
    void cellsAreQuotedOnlyWhenNeededAndFormulasAreDefused() {
        assertThat(SummaryCsv.cell("科普日")).isEqualTo("科普日");
        assertThat(SummaryCsv.cell("甲,乙")).isEqualTo("\"甲,乙\"");
        assertThat(SummaryCsv.cell("他说\"好\"")).isEqualTo("\"他说\"\"好\"\"\"");
        assertThat(SummaryCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SummaryCsv.cell("-1+2")).isEqualTo("'-1+2");
        assertThat(SummaryCsv.cell(-3L)).isEqualTo("-3");
        assertThat(SummaryCsv.cell(null)).isEmpty();
    }

    @Test
    void theFileStartsWithAByteOrderMarkAndSeparatesItsParts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(List.of("河北省", 3L)));
        SummaryCsv.<String, String>write(
                out,
                List.of(new Table("地区", List.of("地区", "活动（场）"), rows)),
                List.of("a"),
                a -> List.of(a),
                List.of(),
                n -> List.of(n));
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("【地区】\r\n地区,活动（场）\r\n河北省,3\r\n\r\n【活动】\r\n" + String.join(",", SummaryTables.ACTIVITY_HEADER)
                        + "\r\na\r\n\r\n【推优】\r\n" + String.join(",", SummaryTables.NOMINEE_HEADER) + "\r\n");
    }
}
