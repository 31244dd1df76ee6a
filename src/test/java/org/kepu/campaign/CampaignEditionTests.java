package org.kepu.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignEditionTests {

    private final CampaignEdition month = edition(Optional.of(LocalDate.of(2026, 7, 15)));

    @Test
    void evidenceIsDueTheGivenNumberOfDaysAfterTheLastDay() {
        assertThat(month.evidenceDueOn()).isEqualTo(LocalDate.of(2026, 10, 10));
    }

    @Test
    void itRunsFromTheFirstToTheLastDayInclusive() {
        assertThat(month.runsOn(LocalDate.of(2026, 8, 31))).isFalse();
        assertThat(month.runsOn(LocalDate.of(2026, 9, 1))).isTrue();
        assertThat(month.runsOn(LocalDate.of(2026, 9, 30))).isTrue();
        assertThat(month.runsOn(LocalDate.of(2026, 10, 1))).isFalse();
    }

    @Test
    void registrationsAreAcceptedFromOpeningUntilTheLastDay() {
        assertThat(month.acceptsRegistrationsOn(LocalDate.of(2026, 7, 14))).isFalse();
        assertThat(month.acceptsRegistrationsOn(LocalDate.of(2026, 7, 15))).isTrue();
        assertThat(month.acceptsRegistrationsOn(LocalDate.of(2026, 9, 30))).isTrue();
        assertThat(month.acceptsRegistrationsOn(LocalDate.of(2026, 10, 1))).isFalse();
    }

    @Test
    void withoutAnOpeningDayRegistrationsStartWithTheCampaign() {
        CampaignEdition edition = edition(Optional.empty());
        assertThat(edition.acceptsRegistrationsOn(LocalDate.of(2026, 8, 31))).isFalse();
        assertThat(edition.acceptsRegistrationsOn(LocalDate.of(2026, 9, 1))).isTrue();
    }

    private static CampaignEdition edition(Optional<LocalDate> registrationOpensOn) {
        return new CampaignEdition(
                UUID.randomUUID(),
                CampaignKind.SCIENCE_DAY,
                2026,
                CampaignLevel.NATIONAL,
                Optional.empty(),
                "2026年全国科普月",
                "科学普及 人人参与",
                LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 9, 30),
                registrationOpensOn,
                10,
                0,
                Instant.EPOCH,
                Instant.EPOCH);
    }
}
