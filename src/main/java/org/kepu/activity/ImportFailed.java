package org.kepu.activity;

import java.util.List;
import java.util.Map;
import org.kepu.shared.error.DomainException;
import org.kepu.shared.error.FieldError;

/** Some rows of an import file are wrong, so nothing was imported; {@code rows} lists each bad row. */
public final class ImportFailed extends DomainException {

    /** A bad row: its number in the spreadsheet (the header is row 1) and everything wrong with it. */
    public record BadRow(int row, List<FieldError> errors) {

        public BadRow {
            errors = List.copyOf(errors);
        }
    }

    private final List<BadRow> rows;

    public ImportFailed(List<BadRow> rows) {
        super(
                Kind.INVALID,
                rows.size() + (rows.size() == 1 ? " row has" : " rows have") + " errors; nothing was imported.");
        this.rows = List.copyOf(rows);
    }

    public List<BadRow> rows() {
        return rows;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("rows", rows);
    }
}
