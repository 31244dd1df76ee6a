package org.kepu.campaign.web;

import java.time.LocalDate;
import java.util.UUID;
import org.kepu.campaign.CampaignEdition;
import org.kepu.campaign.CampaignKind;
import org.kepu.campaign.CampaignLevel;

/** A campaign edition as the public API shows it; {@code region} is null for a national edition. */
record CampaignResponse(
        UUID id,
        CampaignKind kind,
        int year,
        CampaignLevel level,
        RegionRef region,
        String name,
        String theme,
        LocalDate startsOn,
        LocalDate endsOn,
        LocalDate registrationOpensOn,
        int evidenceDueDays) {

    static CampaignResponse of(CampaignEdition edition, RegionRef region) {
        return new CampaignResponse(
                edition.id(),
                edition.kind(),
                edition.year(),
                edition.level(),
                region,
                edition.name(),
                edition.theme(),
                edition.startsOn(),
                edition.endsOn(),
                edition.registrationOpensOn().orElse(null),
                edition.evidenceDueDays());
    }
}
