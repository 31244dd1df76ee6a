package org.kepu.activity;

import org.kepu.shared.error.DomainException;

/** The activity cannot be changed in its current status. */
public final class ActivityNotEditable extends DomainException {

    public ActivityNotEditable() {
        super(Kind.CONFLICT, "The activity cannot be changed in its current status.");
    }
}
