package org.kepu.activity.web;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kepu.activity.Labelled;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.time.CampaignTime;

/**
 * One row's cells by column, read as typed values. A cell that cannot be read gives null and records a
 * field error named after its column, so a row reports every bad cell at once.
 */
final class Cells {

    /** Local date-times as spreadsheets write them (2026-09-12 09:00, 2026/9/12 9:00:00): China time. */
    private static final Pattern LOCAL =
            Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:\\s+|T)(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    /** Between several labels; 、 is how a Chinese list is written, ； is a semicolon typed in Chinese. */
    private static final Pattern LIST = Pattern.compile("[;；、]");

    private static final Pattern PARENTHESES = Pattern.compile("[（(].*[）)]");

    private final Map<Column, String> cells;
    private final List<FieldError> errors = new ArrayList<>();

    Cells(Map<Column, String> cells) {
        this.cells = cells;
    }

    List<FieldError> errors() {
        return List.copyOf(errors);
    }

    void report(List<FieldError> more) {
        errors.addAll(more);
    }

    boolean has(Column column) {
        return !cells.getOrDefault(column, "").isBlank();
    }

    /** The text, or null when the cell is empty. */
    String text(Column column) {
        return has(column) ? cells.get(column).strip() : null;
    }

    UUID id(Column column) {
        String text = text(column);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return fail(column, "invalid-value", "This is not an id (a UUID such as the template's).");
        }
    }

    Double decimal(Column column) {
        String text = text(column);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : fail(column, "invalid-value", "A number is expected.");
        } catch (NumberFormatException e) {
            return fail(column, "invalid-value", "A number is expected.");
        }
    }

    Integer whole(Column column) {
        String text = text(column);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return fail(column, "invalid-value", "A whole number is expected.");
        }
    }

    Instant time(Column column) {
        String text = text(column);
        if (text == null) {
            return null;
        }
        try {
            Matcher local = LOCAL.matcher(text);
            if (local.matches()) {
                return LocalDateTime.of(
                                Integer.parseInt(local.group(1)),
                                Integer.parseInt(local.group(2)),
                                Integer.parseInt(local.group(3)),
                                Integer.parseInt(local.group(4)),
                                Integer.parseInt(local.group(5)),
                                local.group(6) == null ? 0 : Integer.parseInt(local.group(6)))
                        .atZone(CampaignTime.ZONE)
                        .toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return fail(
                    column,
                    "invalid-value",
                    "Write a time as 2026-09-12 09:00 (China time) or 2026-09-12T09:00:00+08:00.");
        }
    }

    /** 是/否, true/false, yes/no, 1/0; an empty cell is no. */
    boolean yesNo(Column column) {
        String text = text(column);
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "是", "true", "yes", "y", "1" -> true;
            case "否", "false", "no", "n", "0" -> false;
            default -> {
                fail(column, "invalid-value", "Write 是 or 否 (or true or false).");
                yield false;
            }
        };
    }

    <E extends Enum<E> & Labelled> E one(Column column, E[] values) {
        String text = text(column);
        return text == null ? null : label(column, values, text);
    }

    <E extends Enum<E> & Labelled> Set<E> many(Column column, E[] values) {
        Set<E> found = new LinkedHashSet<>();
        for (String text : list(column, LIST)) {
            E value = label(column, values, text);
            if (value != null) {
                found.add(value);
            }
        }
        return found;
    }

    /** Texts separated by semicolons (co-organizers' names may contain 、). */
    List<String> names(Column column) {
        return list(column, Pattern.compile("[;；]"));
    }

    private List<String> list(Column column, Pattern separator) {
        String text = text(column);
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(separator.split(text))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** A template value as cell text: numbers without exponent or trailing zeros. */
    static String plain(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : value.toString();
    }

    /** A code, the Chinese label (with or without its bracketed part) or the English label. */
    static <E extends Enum<E> & Labelled> E match(E[] values, String text) {
        String t = text.strip();
        for (E value : values) {
            if (value.name().equalsIgnoreCase(t)
                    || value.zh().equals(t)
                    || PARENTHESES.matcher(value.zh()).replaceAll("").equals(t)
                    || value.en().equalsIgnoreCase(t)) {
                return value;
            }
        }
        return null;
    }

    private <E extends Enum<E> & Labelled> E label(Column column, E[] values, String text) {
        E value = match(values, text);
        return value != null
                ? value
                : fail(
                        column,
                        "unknown-label",
                        "Unknown value '" + text + "': use a code or label from the template's notes.");
    }

    private <T> T fail(Column column, String code, String message) {
        errors.add(new FieldError(column.en, code, message));
        return null;
    }
}
