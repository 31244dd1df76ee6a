package org.kepu.feedback;

import org.kepu.shared.error.DomainException;

/** No admin-edited sensitive word is spelled like this (shipped words are changed in their file). */
public final class SensitiveWordNotFound extends DomainException {

    public SensitiveWordNotFound() {
        super(Kind.NOT_FOUND, "No admin-edited sensitive word is spelled like this.");
    }
}
