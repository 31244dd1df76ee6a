package org.kepu.organizer;

import org.kepu.shared.error.DomainException;

/** The username or password is wrong. */
public final class InvalidCredentials extends DomainException {

    public InvalidCredentials() {
        super(Kind.UNAUTHENTICATED, "The username or password is wrong.");
    }
}
