package org.kepu.activity;

import org.kepu.shared.error.DomainException;

/** Someone else changed this activity; reload it and apply your changes again. */
public final class ActivityChanged extends DomainException {

    public ActivityChanged() {
        super(Kind.CONFLICT, "Someone else changed this activity; reload it and apply your changes again.");
    }
}
