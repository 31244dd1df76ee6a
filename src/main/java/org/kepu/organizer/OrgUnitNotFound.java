package org.kepu.organizer;

import org.kepu.shared.error.DomainException;

/** No such org unit. */
public final class OrgUnitNotFound extends DomainException {

    public OrgUnitNotFound() {
        super(Kind.NOT_FOUND, "No such org unit.");
    }
}
