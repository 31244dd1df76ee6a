package org.kepu.organizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.kepu.region.RegionNotFound;
import org.kepu.shared.error.ValidationFailed;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

/** Org units known by name (demo and imported data) are created once per name and region. */
@IntegrationTest
class EnsureOrgUnitIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    OrganizerService organizer;

    String name() {
        return "测试科学技术协会-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theSameNameAndRegionGiveTheSameUnit() {
        String name = name();
        OrgUnit first = organizer
                .ensureOrgUnit(name, OrgUnitKind.ASSOCIATION, Optional.of("340207"))
                .block(WAIT);
        OrgUnit again = organizer
                .ensureOrgUnit(name, OrgUnitKind.ASSOCIATION, Optional.of("340207"))
                .block(WAIT);
        assertThat(again).isEqualTo(first);
        assertThat(first.regionCode()).contains("340207");
        assertThat(first.parentId()).isEmpty();
        assertThat(organizer.orgUnit(first.id()).block(WAIT)).isEqualTo(first);
    }

    @Test
    void anotherRegionOrNationalIsAnotherUnit() {
        String name = name();
        OrgUnit county = organizer
                .ensureOrgUnit(name, OrgUnitKind.GOVERNMENT, Optional.of("340207"))
                .block(WAIT);
        OrgUnit city = organizer
                .ensureOrgUnit(name, OrgUnitKind.GOVERNMENT, Optional.of("3402"))
                .block(WAIT);
        OrgUnit national = organizer
                .ensureOrgUnit(name, OrgUnitKind.GOVERNMENT, Optional.empty())
                .block(WAIT);
        assertThat(county.id()).isNotEqualTo(city.id()).isNotEqualTo(national.id());
        assertThat(national.regionCode()).isEmpty();
    }

    @Test
    void regionCodesAreStoredCanonical() {
        OrgUnit unit = organizer
                .ensureOrgUnit(name(), OrgUnitKind.OTHER, Optional.of("340200"))
                .block(WAIT);
        assertThat(unit.regionCode()).contains("3402");
    }

    @Test
    void concurrentCallsCreateOneUnit() {
        String name = name();
        var units = Flux.range(0, 8)
                .flatMap(i -> organizer.ensureOrgUnit(name, OrgUnitKind.ASSOCIATION, Optional.of("6405")), 8)
                .map(OrgUnit::id)
                .distinct()
                .collectList()
                .block(WAIT);
        assertThat(units).hasSize(1);
    }

    @Test
    void badNamesAndUnknownRegionsAreRefused() {
        assertThatThrownBy(() -> organizer
                        .ensureOrgUnit("x", OrgUnitKind.ASSOCIATION, Optional.empty())
                        .block(WAIT))
                .isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> organizer
                        .ensureOrgUnit(name(), OrgUnitKind.ASSOCIATION, Optional.of("999999"))
                        .block(WAIT))
                .isInstanceOf(RegionNotFound.class);
    }
}
