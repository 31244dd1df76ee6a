package org.kepu.activity;

import org.kepu.shared.error.DomainException;

/** The activity is not in a status that allows this. */
public final class WrongActivityStatus extends DomainException {

    public WrongActivityStatus() {
        super(Kind.CONFLICT, "The activity is not in a status that allows this.");
    }
}
