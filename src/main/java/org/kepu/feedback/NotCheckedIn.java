package org.kepu.feedback;

import org.kepu.shared.error.DomainException;

/** This participant has no check-in for the activity (or sent no participant cookie). */
public final class NotCheckedIn extends DomainException {

    public NotCheckedIn() {
        super(Kind.FORBIDDEN, "Only participants who checked in to this activity may give feedback on it.");
    }
}
