package org.kepu.feedback;

import org.kepu.shared.error.DomainException;

/** The organizer's one public reply to a feedback exists already. */
public final class AlreadyReplied extends DomainException {

    public AlreadyReplied() {
        super(Kind.CONFLICT, "The organizer has already replied to this feedback.");
    }
}
