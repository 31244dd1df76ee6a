package org.kepu.activity;

import org.kepu.shared.error.DomainException;

/** No such activity. */
public final class ActivityNotFound extends DomainException {

    public ActivityNotFound() {
        super(Kind.NOT_FOUND, "No such activity.");
    }
}
