package org.kepu.activity.web;

import java.util.List;

/** A non-blank row of a sheet: its number as the spreadsheet shows it (from 1) and its cells as text. */
record SheetRow(int number, List<String> cells) {

    SheetRow {
        cells = List.copyOf(cells);
    }
}
