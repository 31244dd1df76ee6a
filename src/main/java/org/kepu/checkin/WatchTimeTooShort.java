package org.kepu.checkin;

import org.kepu.shared.error.DomainException;

/** The viewer has not watched long enough for an online check-in token. */
public final class WatchTimeTooShort extends DomainException {

    public WatchTimeTooShort() {
        super(Kind.RULE_VIOLATION, "Watch a little longer to check in online.");
    }
}
