package org.kepu.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kepu.campaign.TestCampaigns.anEdition;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kepu.region.Region;
import org.kepu.region.RegionLevel;
import org.kepu.shared.error.FieldError;

class CampaignEditionRulesTests {

    @Test
    void aWellFormedNationalEditionHasNoFaults() {
        assertThat(faults(anEdition())).isEmpty();
    }

    @Test
    void aProvinceEditionWithItsCodeHasNoFaults() {
        assertThat(faults(anEdition().at(CampaignLevel.PROVINCE, "34"))).isEmpty();
    }

    @Test
    void everyMissingFieldIsReportedAtOnce() {
        List<FieldError> faults = CampaignEditionRules.check(
                new CreateCampaignEdition(null, null, null, null, null, null, null, null, null, null));
        assertThat(faults)
                .extracting(FieldError::field)
                .containsExactly("kind", "year", "level", "name", "theme", "startsOn", "endsOn");
        assertThat(faults).extracting(FieldError::code).containsOnly("required");
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        assertThat(faults(anEdition().registrationOpensOn(null).evidenceDueDays(null)))
                .isEmpty();
    }

    @Test
    void aBlankNameIsMissing() {
        assertThat(faults(anEdition().named("   "))).containsExactly("name:required");
    }

    @Test
    void theNameHasAtMost100CharactersCountedAsCharactersNotBytes() {
        assertThat(faults(anEdition().named("科".repeat(100)))).isEmpty();
        assertThat(faults(anEdition().named("科".repeat(101)))).containsExactly("name:too-long");
        // surrounding spaces do not count
        assertThat(faults(anEdition().named(" " + "科".repeat(100) + " "))).isEmpty();
    }

    @Test
    void theThemeHasAtMost200Characters() {
        assertThat(faults(anEdition().themed("科".repeat(200)))).isEmpty();
        assertThat(faults(anEdition().themed("科".repeat(201)))).containsExactly("theme:too-long");
        assertThat(faults(anEdition().themed(""))).containsExactly("theme:required");
    }

    @Test
    void theYearIsBetween2000And2100() {
        assertThat(faults(anEdition().inYear(2000))).isEmpty();
        assertThat(faults(anEdition().inYear(2100))).isEmpty();
        assertThat(faults(anEdition().inYear(1999))).containsExactly("year:out-of-range");
        assertThat(faults(anEdition().inYear(2101))).containsExactly("year:out-of-range");
    }

    @Test
    void anEditionStartsInItsYear() {
        assertThat(faults(anEdition()
                        .year(2030)
                        .running(LocalDate.of(2031, 1, 5), LocalDate.of(2031, 1, 10))
                        .registrationOpensOn(null)))
                .containsExactly("startsOn:outside-year");
    }

    @Test
    void anEditionStartingLateInTheYearMayEndInTheNext() {
        assertThat(faults(anEdition().running(LocalDate.of(2030, 12, 20), LocalDate.of(2031, 1, 10))))
                .isEmpty();
    }

    @Test
    void anEditionEndsOnOrAfterItsFirstDay() {
        assertThat(faults(anEdition().running(LocalDate.of(2030, 9, 14), LocalDate.of(2030, 9, 14))))
                .isEmpty();
        assertThat(faults(anEdition().running(LocalDate.of(2030, 9, 14), LocalDate.of(2030, 9, 13))))
                .containsExactly("endsOn:before-start");
    }

    @Test
    void anEditionLastsAtMost62Days() {
        assertThat(faults(anEdition().running(LocalDate.of(2030, 7, 1), LocalDate.of(2030, 8, 31))))
                .isEmpty();
        assertThat(faults(anEdition().running(LocalDate.of(2030, 7, 1), LocalDate.of(2030, 9, 1))))
                .containsExactly("endsOn:too-many-days");
    }

    @Test
    void registrationOpensOnOrBeforeTheFirstDay() {
        assertThat(faults(anEdition().registrationOpensOn(LocalDate.of(2030, 9, 14))))
                .isEmpty();
        assertThat(faults(anEdition().registrationOpensOn(LocalDate.of(2030, 9, 15))))
                .containsExactly("registrationOpensOn:after-start");
    }

    @Test
    void registrationOpensNoEarlierThanThePreviousYear() {
        assertThat(faults(anEdition().registrationOpensOn(LocalDate.of(2029, 1, 1))))
                .isEmpty();
        assertThat(faults(anEdition().registrationOpensOn(LocalDate.of(2028, 12, 31))))
                .containsExactly("registrationOpensOn:out-of-range");
    }

    @Test
    void evidenceIsDueOneTo60DaysAfterTheEnd() {
        assertThat(faults(anEdition().evidenceDueDays(1))).isEmpty();
        assertThat(faults(anEdition().evidenceDueDays(60))).isEmpty();
        assertThat(faults(anEdition().evidenceDueDays(0))).containsExactly("evidenceDueDays:out-of-range");
        assertThat(faults(anEdition().evidenceDueDays(61))).containsExactly("evidenceDueDays:out-of-range");
    }

    @Test
    void aNationalEditionHasNoRegion() {
        assertThat(faults(anEdition().at(CampaignLevel.NATIONAL, "34"))).containsExactly("regionCode:not-allowed");
        // an empty form field is the same as none
        assertThat(faults(anEdition().at(CampaignLevel.NATIONAL, ""))).isEmpty();
    }

    @Test
    void editionsBelowTheNationalLevelNeedARegion() {
        for (CampaignLevel level : List.of(CampaignLevel.PROVINCE, CampaignLevel.CITY, CampaignLevel.COUNTY)) {
            assertThat(faults(anEdition().at(level, null))).containsExactly("regionCode:required");
            assertThat(faults(anEdition().at(level, " "))).containsExactly("regionCode:required");
        }
    }

    @Test
    void theRegionMustBeOfTheEditionsLevel() {
        Region province = region("34", "安徽省", RegionLevel.PROVINCE);
        Region city = region("3402", "芜湖市", RegionLevel.CITY);
        Region county = region("340207", "鸠江区", RegionLevel.COUNTY);
        assertThat(CampaignEditionRules.regionFits(CampaignLevel.PROVINCE, province))
                .isEmpty();
        assertThat(CampaignEditionRules.regionFits(CampaignLevel.CITY, city)).isEmpty();
        assertThat(CampaignEditionRules.regionFits(CampaignLevel.COUNTY, county))
                .isEmpty();
        assertThat(CampaignEditionRules.regionFits(CampaignLevel.PROVINCE, city))
                .hasValueSatisfying(fault -> {
                    assertThat(fault.field()).isEqualTo("regionCode");
                    assertThat(fault.code()).isEqualTo("level-mismatch");
                    assertThat(fault.message()).contains("3402", "芜湖市", "CITY");
                });
        assertThat(CampaignEditionRules.regionFits(CampaignLevel.COUNTY, city)).isPresent();
        assertThat(CampaignEditionRules.regionFits(CampaignLevel.CITY, county)).isPresent();
    }

    @Test
    void anEditNamesTheVersionItRead() {
        UUID id = UUID.randomUUID();
        assertThat(CampaignEditionRules.check(anEdition().edit(id, 3L))).isEmpty();
        assertThat(codes(CampaignEditionRules.check(anEdition().edit(id, null))))
                .containsExactly("version:required");
        assertThat(codes(CampaignEditionRules.check(anEdition().edit(id, -1L))))
                .containsExactly("version:out-of-range");
    }

    @Test
    void unrelatedFaultsAreAllReported() {
        assertThat(faults(anEdition()
                        .named("")
                        .inYear(1990)
                        .running(LocalDate.of(1990, 9, 14), LocalDate.of(1990, 9, 1))
                        .evidenceDueDays(99)))
                .containsExactly(
                        "year:out-of-range", "name:required", "endsOn:before-start", "evidenceDueDays:out-of-range");
    }

    private static List<String> faults(TestCampaigns.Builder edition) {
        return codes(CampaignEditionRules.check(edition.create()));
    }

    private static List<String> codes(List<FieldError> faults) {
        return faults.stream().map(f -> f.field() + ":" + f.code()).toList();
    }

    private static Region region(String code, String name, RegionLevel level) {
        return new Region(code, name, name, level, Optional.empty(), new Region.GeoPoint(30, 118));
    }
}
