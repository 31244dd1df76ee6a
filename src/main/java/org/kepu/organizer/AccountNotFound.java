package org.kepu.organizer;

import org.kepu.shared.error.DomainException;

/** No such account. */
public final class AccountNotFound extends DomainException {

    public AccountNotFound() {
        super(Kind.NOT_FOUND, "No such account.");
    }
}
