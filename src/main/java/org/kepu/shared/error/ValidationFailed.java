package org.kepu.shared.error;

import java.util.List;

/** The request is well-formed but some fields are wrong; each is listed. */
public final class ValidationFailed extends DomainException {

    public ValidationFailed(List<FieldError> errors) {
        super(Kind.INVALID, "The request has invalid fields.", errors);
    }

    public static ValidationFailed of(String field, String code, String message) {
        return new ValidationFailed(List.of(new FieldError(field, code, message)));
    }
}
