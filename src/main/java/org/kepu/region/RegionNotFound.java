package org.kepu.region;

import org.kepu.shared.error.DomainException;

/** No region has this code. */
public final class RegionNotFound extends DomainException {

    public RegionNotFound(String code) {
        super(Kind.NOT_FOUND, "No region has the code " + code + ".");
    }
}
