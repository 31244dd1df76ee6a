package org.kepu.activity.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.kepu.activity.Accessibility;
import org.kepu.activity.ActivityDraft;
import org.kepu.activity.Audience;
import org.kepu.activity.Category;
import org.kepu.activity.Contact;
import org.kepu.activity.Format;
import org.kepu.activity.ImportRow;
import org.kepu.activity.Venue;
import org.kepu.shared.error.FieldError;

/** Reads a sheet's rows as activity drafts: the first row names the columns, each further row is one draft. */
final class ImportSheet {

    private ImportSheet() {}

    static List<ImportRow> read(List<SheetRow> rows) {
        if (rows.size() < 2) {
            throw new EmptyImport();
        }
        Column[] columns = columns(rows.get(0));
        return rows.subList(1, rows.size()).stream()
                .map(row -> draft(row, columns))
                .toList();
    }

    /** Each cell's column by position; a cell without a header is ignored (spreadsheets leave such). */
    static Column[] columns(SheetRow header) {
        Column[] columns = new Column[header.cells().size()];
        List<FieldError> wrong = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            String name = header.cells().get(i).strip();
            if (name.isEmpty()) {
                continue;
            }
            Column column = Column.byHeader(name).orElse(null);
            if (column == null) {
                wrong.add(new FieldError(name, "unknown-column", "No import column has this name."));
            } else if (Arrays.asList(columns).contains(column)) {
                wrong.add(new FieldError(name, "duplicate-column", "Another header names the same column."));
            } else {
                columns[i] = column;
            }
        }
        if (!wrong.isEmpty()) {
            throw new UnknownColumns(wrong);
        }
        return columns;
    }

    static ImportRow draft(SheetRow row, Column[] columns) {
        Map<Column, String> byColumn = new EnumMap<>(Column.class);
        for (int i = 0; i < Math.min(columns.length, row.cells().size()); i++) {
            if (columns[i] != null) {
                byColumn.put(columns[i], row.cells().get(i));
            }
        }
        Cells cells = new Cells(byColumn);
        ActivityDraft draft = new ActivityDraft(
                cells.text(Column.TITLE),
                cells.text(Column.SUBTITLE),
                cells.id(Column.CAMPAIGN_ID),
                cells.text(Column.REGION_CODE),
                venue(cells),
                cells.time(Column.STARTS_AT),
                cells.time(Column.ENDS_AT),
                cells.one(Column.FORMAT, Format.values()),
                cells.many(Column.CATEGORIES, Category.values()),
                cells.many(Column.AUDIENCES, Audience.values()),
                cells.yesNo(Column.MAIN_VENUE),
                cells.text(Column.DESCRIPTION),
                cells.names(Column.CO_ORGANIZERS),
                contact(cells),
                cells.whole(Column.CAPACITY),
                Accessibility.NONE,
                cells.text(Column.LIVE_URL),
                cells.whole(Column.CHECK_IN_RADIUS_M));
        return new ImportRow(row.number(), draft, cells.errors());
    }

    /** Like the JSON API: any venue cell makes a venue, which then needs both coordinates. */
    private static Venue venue(Cells cells) {
        if (!cells.has(Column.VENUE_NAME)
                && !cells.has(Column.VENUE_ADDRESS)
                && !cells.has(Column.LAT)
                && !cells.has(Column.LON)) {
            return null;
        }
        Double lat = cells.decimal(Column.LAT);
        Double lon = cells.decimal(Column.LON);
        List<FieldError> missing = new ArrayList<>();
        for (Column c : List.of(Column.LAT, Column.LON)) {
            if (!cells.has(c)) {
                missing.add(new FieldError(c.en, "required", "A venue needs its latitude and longitude."));
            }
        }
        cells.report(missing);
        if (lat == null || lon == null) {
            return null;
        }
        return new Venue(cells.text(Column.VENUE_NAME), cells.text(Column.VENUE_ADDRESS), lat, lon);
    }

    private static Contact contact(Cells cells) {
        boolean published = cells.yesNo(Column.CONTACT_PUBLIC);
        if (!cells.has(Column.CONTACT_NAME) && !cells.has(Column.CONTACT_PHONE)) {
            return null;
        }
        return new Contact(cells.text(Column.CONTACT_NAME), cells.text(Column.CONTACT_PHONE), published);
    }
}
