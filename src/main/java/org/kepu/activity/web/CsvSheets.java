package org.kepu.activity.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 has it and spreadsheets write it: UTF-8 with or without a byte-order mark, fields in
 * double quotes may hold commas, quotes ("") and line breaks, lines end in CRLF, LF or CR.
 */
final class CsvSheets {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvSheets() {}

    /** The non-blank records, numbered as a spreadsheet shows them (a quoted line break stays in its row). */
    static List<SheetRow> read(byte[] bytes) {
        String text = decode(bytes);
        SheetRows rows = new SheetRows();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int record = 1;
        int quotedFrom = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                quotedFrom = record;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                rows.add(record++, fields);
                fields = new ArrayList<>();
            } else {
                field.append(c); // a stray quote inside an unquoted field is kept, as spreadsheets do
            }
        }
        if (quoted) {
            throw new UnreadableFile("A quoted field starting in row " + quotedFrom + " is never closed.");
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(record, fields);
        }
        return rows.rows();
    }

    /** UTF-8 with a byte-order mark and CRLF line ends, so that Excel opens Chinese text correctly. */
    static byte[] write(List<List<Object>> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quoted(Cells.plain(row.get(i))));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String value) {
        boolean needs = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0
                || !value.equals(value.strip());
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            // Excel's plain "CSV" in Chinese Windows is GBK; its "CSV UTF-8" is what we read
            throw new UnreadableFile("The CSV file is not UTF-8: save it as “CSV UTF-8 (逗号分隔)”.");
        }
    }
}
