package org.kepu.campaign.web;

import java.time.LocalDate;
import java.util.UUID;
import org.kepu.campaign.CampaignEdition;
import org.kepu.campaign.CampaignKind;
import org.kepu.campaign.CampaignLevel;

/** The public shape plus {@code version}, which an edit must send back (optimistic locking). */
record AdminCampaignResponse(
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
        int evidenceDueDays,
        long version) {

    static AdminCampaignResponse of(CampaignEdition edition, RegionRef region) {
        return new AdminCampaignResponse(
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
                edition.evidenceDueDays(),
                edition.version());
    }
}
