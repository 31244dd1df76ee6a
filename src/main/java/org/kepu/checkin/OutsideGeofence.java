package org.kepu.checkin;

import org.kepu.shared.error.DomainException;

/** The reported position is farther from the venue than the activity's check-in radius. */
public final class OutsideGeofence extends DomainException {

    public OutsideGeofence() {
        super(Kind.RULE_VIOLATION, "You are too far from the venue to check in.");
    }
}
