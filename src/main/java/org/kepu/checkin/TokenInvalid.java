package org.kepu.checkin;

import org.kepu.shared.error.DomainException;

/** The check-in token is not one this server issued for this activity (or participant). */
public final class TokenInvalid extends DomainException {

    public TokenInvalid() {
        super(Kind.INVALID, "This check-in code is not valid for this activity.");
    }
}
