package org.kepu.campaign;

import java.util.UUID;
import org.kepu.shared.error.DomainException;

/** The edition was saved by someone else after the editor read it; reload it and edit again. */
public final class CampaignEditionChanged extends DomainException {

    public CampaignEditionChanged(UUID id, long expected, long current) {
        super(
                Kind.CONFLICT,
                "Campaign edition " + id + " is at version " + current + ", not " + expected
                        + ": someone else changed it. Reload and retry.");
    }
}
