package org.kepu.campaign;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * Replace an edition's fields (same rules as {@link CreateCampaignEdition}). {@code version} is the version
 * the editor read; if the edition has changed since, the edit fails with {@link CampaignEditionChanged}.
 */
public record EditCampaignEdition(
        UUID id,
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
        Integer evidenceDueDays)
        implements EditionFields {

    public EditCampaignEdition {
        Objects.requireNonNull(id, "id");
    }
}
