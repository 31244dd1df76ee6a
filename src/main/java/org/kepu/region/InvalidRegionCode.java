package org.kepu.region;

import java.util.List;
import org.kepu.shared.error.DomainException;
import org.kepu.shared.error.FieldError;

/** The text is not a region code (2, 4, 6 or 9 digits). */
public final class InvalidRegionCode extends DomainException {

    public InvalidRegionCode(String field, String raw) {
        super(
                Kind.INVALID,
                "'" + abbreviate(raw) + "' is not a region code.",
                List.of(new FieldError(field, "invalid-region-code", "A region code has 2, 4, 6 or 9 digits.")));
    }

    private static String abbreviate(String raw) {
        return raw.length() > 20 ? raw.substring(0, 20) + "…" : raw;
    }
}
