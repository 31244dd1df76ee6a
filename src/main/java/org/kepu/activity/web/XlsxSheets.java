package org.kepu.activity.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.kepu.shared.error.DomainException;

/**
 * XLSX workbooks, read from the first sheet as a stream of rows and written for the template. Blocking
 * and CPU-bound: callers run this on a worker, never on the event loop.
 */
final class XlsxSheets {

    /** Excel's built-in date and time formats (ECMA-376 18.8.30, with the East Asian ones). */
    private static final Set<Integer> DATE_FORMATS = Set.of(
            14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
            55, 56, 57, 58);

    /** Quoted text, colours and locales ("[$-804]") in a custom format, which say nothing about dates. */
    private static final Pattern FORMAT_NOISE = Pattern.compile("\"[^\"]*\"|\\[[^]]*]|\\\\.");

    private XlsxSheets() {}

    static boolean looksLikeXlsx(byte[] bytes) {
        return ReadableWorkbook.isOOXMLZipHeader(bytes);
    }

    static List<SheetRow> read(byte[] bytes) {
        if (ReadableWorkbook.isOLE2Header(bytes)) {
            throw new UnreadableFile("Old .xls workbooks are not read: save the file as .xlsx or CSV UTF-8.");
        }
        if (!looksLikeXlsx(bytes)) {
            throw new UnreadableFile("The file is not an XLSX workbook.");
        }
        SheetRows rows = new SheetRows();
        try (ReadableWorkbook workbook =
                        new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, true));
                Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            Iterator<Row> it = stream.iterator();
            while (it.hasNext()) {
                Row row = it.next();
                List<String> cells = new ArrayList<>(row.getCellCount());
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(text(row.getCell(i)));
                }
                rows.add(row.getRowNum(), cells);
            }
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFile("The XLSX workbook is damaged or not a workbook.");
        }
        return rows.rows();
    }

    /** A cell as the text a CSV would hold; a date-formatted number becomes a local date-time. */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getType();
        if (type == CellType.NUMBER && isDate(cell)) {
            return cell.asDate().toString();
        }
        if (type == CellType.NUMBER) {
            return cell.asNumber().stripTrailingZeros().toPlainString();
        }
        if (type == CellType.FORMULA || type == CellType.ERROR) {
            return cell.getRawValue() == null ? "" : cell.getRawValue(); // the value Excel last computed
        }
        return cell.getText();
    }

    private static boolean isDate(Cell cell) {
        Integer id = cell.getDataFormatId();
        if (id != null && DATE_FORMATS.contains(id)) {
            return true;
        }
        String format = cell.getDataFormatString();
        return format != null
                && FORMAT_NOISE.matcher(format).replaceAll("").matches("(?i).*[ymdhs].*")
                && !format.equalsIgnoreCase("General");
    }

    /**
     * A workbook of named sheets (first = active); the first row of each is a bold, frozen header. Cell
     * values are text or {@link BigDecimal} numbers.
     */
    static byte[] write(Map<String, List<List<Object>>> sheets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Kepu", "1.0");
            for (var sheet : sheets.entrySet()) {
                Worksheet ws = workbook.newWorksheet(sheet.getKey());
                List<List<Object>> rows = sheet.getValue();
                for (int r = 0; r < rows.size(); r++) {
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        Object value = rows.get(r).get(c);
                        if (value instanceof BigDecimal number) {
                            ws.value(r, c, number);
                        } else if (value != null) {
                            ws.value(r, c, value.toString());
                        }
                    }
                }
                if (!rows.isEmpty()) {
                    ws.range(0, 0, 0, Math.max(0, rows.get(0).size() - 1))
                            .style()
                            .bold()
                            .set();
                    for (int c = 0; c < rows.get(0).size(); c++) {
                        ws.width(c, 18);
                    }
                }
                ws.freezePane(0, 1);
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }
}
