package org.kepu.shared.error;

import java.util.List;

/** A path variable or query parameter is malformed (a bad id, an unknown enumeration value, …). */
public final class InvalidParameter extends DomainException {

    public InvalidParameter(String parameter, String message) {
        super(Kind.INVALID, message, List.of(new FieldError(parameter, "invalid", message)));
    }
}
