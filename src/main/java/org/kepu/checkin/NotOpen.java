package org.kepu.checkin;

import org.kepu.shared.error.DomainException;

/** Check-in is closed: before the opening (some time before the start) or after the end. */
public final class NotOpen extends DomainException {

    public NotOpen() {
        super(Kind.RULE_VIOLATION, "Check-in is not open for this activity now.");
    }
}
