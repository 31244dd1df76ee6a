package org.kepu.activity.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a sheet's non-blank rows while it is read, refusing an oversized file as soon as that is known
 * instead of after reading it whole.
 */
final class SheetRows {

    static final int MAX_ACTIVITIES = 2000;

    /** Blank rows count here, so that a file of empty rows (a small zip can hold many) stops early too. */
    static final int MAX_LINES = 20_000;

    private final List<SheetRow> rows = new ArrayList<>();

    void add(int number, List<String> cells) {
        if (number > MAX_LINES) {
            throw new TooManyRows(MAX_ACTIVITIES);
        }
        if (cells.stream().allMatch(String::isBlank)) {
            return;
        }
        if (rows.size() > MAX_ACTIVITIES) { // the header and MAX_ACTIVITIES rows are in
            throw new TooManyRows(MAX_ACTIVITIES);
        }
        rows.add(new SheetRow(number, cells));
    }

    List<SheetRow> rows() {
        return List.copyOf(rows);
    }
}
