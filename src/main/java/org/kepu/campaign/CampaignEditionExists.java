package org.kepu.campaign;

import org.kepu.shared.error.DomainException;

/** Another edition already has this campaign, year, level and region. */
public final class CampaignEditionExists extends DomainException {

    public CampaignEditionExists(CampaignKind kind, int year, CampaignLevel level, String regionCode) {
        super(
                Kind.CONFLICT,
                "A " + kind + " edition for " + year + " at " + level + " level"
                        + (regionCode == null ? "" : " in region " + regionCode) + " already exists.");
    }
}
