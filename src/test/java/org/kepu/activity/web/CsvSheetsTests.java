package org.kepu.activity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSheetsTests {

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstHeader() {
        List<SheetRow> withBom = CsvSheets.read(utf8("\uFEFF标题,形式\r\n讲座,线下\r\n"));
        List<SheetRow> without = CsvSheets.read(utf8("标题,形式\r\n讲座,线下\r\n"));
        assertThat(withBom).isEqualTo(without);
        assertThat(withBom.get(0).cells()).containsExactly("标题", "形式");
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        List<SheetRow> rows = CsvSheets.read(utf8("标题,简介\n\"讲座,一\",\"第一行\r\n第二行，含\"\"引号\"\"\"\n"));
        assertThat(rows.get(1).cells()).containsExactly("讲座,一", "第一行\r\n第二行，含\"引号\"");
    }

    @Test
    void crlfLfAndCrAllEndALine() {
        List<SheetRow> rows = CsvSheets.read(utf8("a,b\r\n1,2\n3,4\r5,6"));
        assertThat(rows)
                .extracting(SheetRow::cells)
                .containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"), List.of("5", "6"));
    }

    @Test
    void rowsKeepTheirSpreadsheetNumbersAcrossBlankLinesAndQuotedLineBreaks() {
        List<SheetRow> rows = CsvSheets.read(utf8("a,b\n\"x\ny\",1\n,\n\nz,2\n"));
        assertThat(rows).extracting(SheetRow::number).containsExactly(1, 2, 5);
    }

    @Test
    void emptyFieldsAreKept() {
        assertThat(CsvSheets.read(utf8("a,b,c\n,,x\n")).get(1).cells()).containsExactly("", "", "x");
    }

    @Test
    void anUnclosedQuoteIsUnreadable() {
        assertThatThrownBy(() -> CsvSheets.read(utf8("a,b\n\"never closed,1\n")))
                .isInstanceOf(UnreadableFile.class)
                .hasMessageContaining("row 2");
    }

    @Test
    void aGbkFileIsRefusedWithAHintToSaveAsUtf8() {
        byte[] gbk = "标题,形式\n讲座,线下\n".getBytes(Charset.forName("GBK"));
        assertThatThrownBy(() -> CsvSheets.read(gbk))
                .isInstanceOf(UnreadableFile.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void moreThanTwoThousandActivitiesAreRefused() {
        StringBuilder csv = new StringBuilder("title\n");
        csv.append("x\n".repeat(SheetRows.MAX_ACTIVITIES));
        assertThat(CsvSheets.read(utf8(csv.toString()))).hasSize(SheetRows.MAX_ACTIVITIES + 1);
        csv.append("one too many\n");
        assertThatThrownBy(() -> CsvSheets.read(utf8(csv.toString()))).isInstanceOf(TooManyRows.class);
    }

    @Test
    void aFileOfBlankLinesStopsAtTheLineLimit() {
        String csv = "title\n" + "\n".repeat(SheetRows.MAX_LINES) + "x\n";
        assertThatThrownBy(() -> CsvSheets.read(utf8(csv))).isInstanceOf(TooManyRows.class);
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        List<List<Object>> rows = List.of(
                List.of("标题", "简介", "容量"),
                List.of("讲座, \"AI\"", "两行\r\n文字", new BigDecimal("200.0")),
                List.of(" 前后空格 ", "", new BigDecimal("31.3700")));
        byte[] csv = CsvSheets.write(rows);
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(CsvSheets.read(csv))
                .extracting(SheetRow::cells)
                .containsExactly(
                        List.of("标题", "简介", "容量"),
                        List.of("讲座, \"AI\"", "两行\r\n文字", "200"),
                        List.of(" 前后空格 ", "", "31.37"));
    }
}
