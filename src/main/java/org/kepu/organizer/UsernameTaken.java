package org.kepu.organizer;

import org.kepu.shared.error.DomainException;

/** This username is already in use. */
public final class UsernameTaken extends DomainException {

    public UsernameTaken() {
        super(Kind.CONFLICT, "This username is already in use.");
    }
}
