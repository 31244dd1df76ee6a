package org.kepu.campaign;

import java.time.LocalDate;

/**
 * What an admin writes about an edition, on create and on edit. Components may be null: commands come
 * straight from requests, and {@link CampaignEditionRules} reports what is missing.
 */
sealed interface EditionFields permits CreateCampaignEdition, EditCampaignEdition {

    CampaignKind kind();

    Integer year();

    CampaignLevel level();

    String regionCode();

    String name();

    String theme();

    LocalDate startsOn();

    LocalDate endsOn();

    LocalDate registrationOpensOn();

    Integer evidenceDueDays();
}
