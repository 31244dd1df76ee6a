package org.kepu.activity.web;

import java.util.List;
import org.kepu.shared.error.DomainException;
import org.kepu.shared.error.FieldError;

/** The header row names columns the import does not know (each is listed), or names one twice. */
final class UnknownColumns extends DomainException {

    UnknownColumns(List<FieldError> columns) {
        super(
                Kind.INVALID,
                "The header row has unknown or repeated columns: "
                        + String.join(
                                ", ", columns.stream().map(FieldError::field).toList())
                        + ". Use the template's headers.",
                columns);
    }
}
