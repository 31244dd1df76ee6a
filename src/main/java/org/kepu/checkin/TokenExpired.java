package org.kepu.checkin;

import org.kepu.shared.error.DomainException;

/** A genuine check-in token whose time has passed: the visitor should scan the current code. */
public final class TokenExpired extends DomainException {

    public TokenExpired() {
        super(Kind.RULE_VIOLATION, "This check-in code has expired; scan the current one.");
    }
}
