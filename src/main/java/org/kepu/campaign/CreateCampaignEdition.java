package org.kepu.campaign;

import java.time.LocalDate;

/**
 * Set up a campaign edition. Null means "not given": {@code regionCode} must be null for a national edition,
 * {@code registrationOpensOn} may be, and {@code evidenceDueDays} defaults to
 * {@value CampaignEditionRules#DEFAULT_EVIDENCE_DUE_DAYS}; anything else missing fails validation.
 */
public record CreateCampaignEdition(
        CampaignKind kind,
        Integer year,
        CampaignLevel level,
        String regionCode,
        String name,
        String theme,
        LocalDate startsOn,
        LocalDate endsOn,
        LocalDate registrationOpensOn,
        Integer evidenceDueDays)
        implements EditionFields {}
