package org.kepu.organizer;

import org.kepu.shared.error.DomainException;

/** An org unit with this name already exists in this region. */
public final class OrgUnitExists extends DomainException {

    public OrgUnitExists() {
        super(Kind.CONFLICT, "An org unit with this name already exists in this region.");
    }
}
