package org.kepu.activity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

class XlsxSheetsTests {

    @Test
    void whatIsWrittenReadsBackFromTheFirstSheetWithSpreadsheetRowNumbers() {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put(
                "活动",
                List.of(
                        List.of("标题", "容量", "纬度"),
                        List.of("讲座, \"AI\"\n第二行", new BigDecimal(200), new BigDecimal("31.3700")),
                        List.of(),
                        List.of("展览", new BigDecimal("1.5E+3"), "118.4")));
        sheets.put("说明", List.of(List.of("不读这一页")));
        List<SheetRow> rows = XlsxSheets.read(XlsxSheets.write(sheets));
        assertThat(rows).extracting(SheetRow::number).containsExactly(1, 2, 4);
        assertThat(rows)
                .extracting(SheetRow::cells)
                .containsExactly(
                        List.of("标题", "容量", "纬度"),
                        List.of("讲座, \"AI\"\n第二行", "200", "31.37"),
                        List.of("展览", "1500", "118.4"));
    }

    @Test
    void aDateFormattedCellReadsAsALocalDateTime() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("活动");
        sheet.value(0, 0, "开始时间");
        sheet.value(1, 0, LocalDateTime.of(2026, 9, 12, 9, 30));
        sheet.style(1, 0).format("yyyy/m/d h:mm").set();
        sheet.value(2, 0, LocalDateTime.of(2026, 9, 13, 14, 0));
        sheet.style(2, 0).format("[$-804]yyyy\"年\"m\"月\"d\"日\" hh:mm").set();
        workbook.finish();
        List<SheetRow> rows = XlsxSheets.read(out.toByteArray());
        assertThat(rows.get(1).cells()).containsExactly("2026-09-12T09:30");
        assertThat(rows.get(2).cells()).containsExactly("2026-09-13T14:00");
    }

    @Test
    void somethingElseIsUnreadable() {
        assertThatThrownBy(() -> XlsxSheets.read("标题\n讲座\n".getBytes()))
                .isInstanceOf(UnreadableFile.class)
                .hasMessageContaining("not an XLSX");
        byte[] truncated = java.util.Arrays.copyOf(XlsxSheets.write(Map.of("活动", List.of(List.of("标题")))), 200);
        assertThatThrownBy(() -> XlsxSheets.read(truncated)).isInstanceOf(UnreadableFile.class);
    }

    @Test
    void anOldXlsWorkbookIsRefusedWithAHint() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        assertThatThrownBy(() -> XlsxSheets.read(ole2))
                .isInstanceOf(UnreadableFile.class)
                .hasMessageContaining(".xlsx");
    }
}
