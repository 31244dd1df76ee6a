package org.kepu.campaign.web;

import java.time.LocalDate;
import java.util.UUID;
import org.kepu.campaign.CampaignKind;
import org.kepu.campaign.CampaignLevel;
import org.kepu.campaign.EditCampaignEdition;

/** Body of {@code PUT /api/v1/admin/campaigns/{id}}: every field, plus the {@code version} that was read. */
record EditCampaignRequest(
        Long version,
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

    EditCampaignEdition toCommand(UUID id) {
        return new EditCampaignEdition(
                id,
                version,
                kind,
                year,
                level,
                regionCode,
                name,
                theme,
                startsOn,
                endsOn,
                registrationOpensOn,
                evidenceDueDays);
    }
}
