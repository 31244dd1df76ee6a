package org.kepu.stats.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Writes the summary table as one CSV (RFC 4180) in UTF-8 with a byte-order mark, which spreadsheet programs
 * need to open Chinese text correctly; the parts follow one another, each under a title row, separated by
 * a blank line. Cells that a spreadsheet would run as a formula get a leading apostrophe. Blocking.
 */
final class SummaryCsv {

    private SummaryCsv() {}

    static <A, N> void write(
            OutputStream out,
            List<Table> fixed,
            Iterable<A> activities,
            Function<A, List<Object>> activityRow,
            Iterable<N> nominees,
            Function<N, List<Object>> nomineeRow)
            throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        w.write('\uFEFF');
        boolean first = true;
        for (Table table : fixed) {
            if (!first) {
                w.write("\r\n"); // a blank line between parts
            }
            first = false;
            section(w, table.name(), table.header());
            for (List<Object> row : table.rows()) {
                row(w, row);
            }
        }
        w.write("\r\n");
        section(w, "活动", SummaryTables.ACTIVITY_HEADER);
        for (A a : activities) {
            row(w, activityRow.apply(a));
        }
        w.write("\r\n");
        section(w, "推优", SummaryTables.NOMINEE_HEADER);
        for (N n : nominees) {
            row(w, nomineeRow.apply(n));
        }
        w.flush();
    }

    private static void section(Writer w, String title, List<String> header) throws IOException {
        row(w, List.of("【" + title + "】"));
        row(w, List.copyOf(header));
    }

    static void row(Writer w, List<?> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                w.write(',');
            }
            w.write(cell(cells.get(c)));
        }
        w.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
