package org.kepu.campaign;

import java.util.UUID;
import org.kepu.shared.error.DomainException;

/** No campaign edition has this id. */
public final class CampaignEditionNotFound extends DomainException {

    public CampaignEditionNotFound(UUID id) {
        super(Kind.NOT_FOUND, "No campaign edition has the id " + id + ".");
    }
}
