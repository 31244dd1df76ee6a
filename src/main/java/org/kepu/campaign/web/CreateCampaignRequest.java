package org.kepu.campaign.web;

import java.time.LocalDate;
import org.kepu.campaign.CampaignKind;
import org.kepu.campaign.CampaignLevel;
import org.kepu.campaign.CreateCampaignEdition;

/**
 * Body of {@code POST /api/v1/admin/campaigns}. No bean-validation annotations: {@code CampaignService}
 * checks every rule and reports all faults in one answer, with one set of field codes.
 */
record CreateCampaignRequest(
        CampaignKind kind,
        Integer year,
        CampaignLevel level,
        String regionCode,
        String name,
        String theme,
        LocalDate startsOn,
        LocalDate endsOn,
        LocalDate registrationOpensOn,
        Integer evidenceDueDays) {

    CreateCampaignEdition toCommand() {
        return new CreateCampaignEdition(
                kind, year, level, regionCode, name, theme, startsOn, endsOn, registrationOpensOn, evidenceDueDays);
    }
}
