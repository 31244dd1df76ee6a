package org.kepu.activity;

import java.util.List;
import org.kepu.shared.error.FieldError;

/**
 * One row of an import file read as a draft.
 *
 * @param row its number as the spreadsheet shows it (the header is row 1)
 * @param errors what could not be read (a bad date, an unknown label), named by the column's English name;
 *     the draft holds nothing for those cells
 */
public record ImportRow(int row, ActivityDraft draft, List<FieldError> errors) {

    public ImportRow {
        errors = List.copyOf(errors);
    }
}
