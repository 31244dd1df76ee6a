package org.kepu.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * One campaign edition (活动届次): one year of one campaign at one level, with its theme and its windows.
 * Dates are days in China Standard Time ({@link org.kepu.shared.time.CampaignTime}), both ends included.
 *
 * @param regionCode canonical code of the province, city or county running it; empty for a national edition
 * @param registrationOpensOn first day organizers may register activities; empty means the edition's start
 * @param evidenceDueDays days after {@code endsOn} during which organizers may add evidence (补充信息)
 * @param version optimistic-locking version; an edit must name the version it read
 */
public record CampaignEdition(
        UUID id,
        CampaignKind kind,
        int year,
        CampaignLevel level,
        Optional<String> regionCode,
        String name,
        String theme,
        LocalDate startsOn,
        LocalDate endsOn,
        Optional<LocalDate> registrationOpensOn,
        int evidenceDueDays,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** The last day on which evidence is accepted. */
    public LocalDate evidenceDueOn() {
        return endsOn.plusDays(evidenceDueDays);
    }

    /** Whether the campaign is running on this day. */
    public boolean runsOn(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }

    /** Whether organizers may register activities on this day: from registration opening to the last day. */
    public boolean acceptsRegistrationsOn(LocalDate day) {
        return !day.isBefore(registrationOpensOn.orElse(startsOn)) && !day.isAfter(endsOn);
    }
}
