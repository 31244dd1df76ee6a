package org.kepu.stats.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes the summary table as XLSX with fastexcel, one sheet after another: a finished sheet is written out
 * and dropped, and the long lists are flushed every {@link #FLUSH} rows with their text inline (not in the
 * shared-strings table), so memory stays flat however many activities there are. Blocking: call it on
 * {@code boundedElastic}.
 */
final class SummaryXlsx {

    static final int FLUSH = 1000;

    private SummaryXlsx() {}

    static <A, N> void write(
            OutputStream out,
            List<Table> fixed,
            Iterable<A> activities,
            Function<A, List<Object>> activityRow,
            Iterable<N> nominees,
            Function<N, List<Object>> nomineeRow)
            throws IOException {
        Workbook workbook = new Workbook(out, "Kepu", "1.0");
        for (Table table : fixed) {
            Worksheet sheet = workbook.newWorksheet(table.name());
            header(sheet, table.header());
            int r = 1;
            for (List<Object> row : table.rows()) {
                row(sheet, r++, row);
            }
            sheet.finish();
        }
        stream(workbook, "活动", SummaryTables.ACTIVITY_HEADER, activities, activityRow);
        stream(workbook, "推优", SummaryTables.NOMINEE_HEADER, nominees, nomineeRow);
        workbook.finish();
    }

    private static <T> void stream(
            Workbook workbook, String name, List<String> header, Iterable<T> items, Function<T, List<Object>> toRow)
            throws IOException {
        Worksheet sheet = workbook.newWorksheet(name);
        header(sheet, header);
        int r = 1;
        for (T item : items) {
            row(sheet, r++, toRow.apply(item));
            if (r % FLUSH == 0) {
                sheet.flush();
            }
        }
        sheet.finish();
    }

    private static void header(Worksheet sheet, List<String> header) {
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
            sheet.style(0, c).bold().set();
        }
        sheet.freezePane(0, 1);
    }

    private static void row(Worksheet sheet, int r, List<Object> cells) {
        for (int c = 0; c < cells.size(); c++) {
            Object v = cells.get(c);
            if (v instanceof Number n) {
                sheet.value(r, c, n);
            } else if (v != null) {
                sheet.inlineString(r, c, v.toString());
            }
        }
    }
}
