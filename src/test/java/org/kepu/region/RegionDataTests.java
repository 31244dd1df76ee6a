package org.kepu.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegionDataTests {

    @Test
    void theShippedFileHoldsTheWholeCountryParentsFirst() throws Exception {
        List<Region> regions = RegionData.parse(RegionData.read());
        Map<RegionLevel, Long> perLevel =
                regions.stream().collect(Collectors.groupingBy(Region::level, Collectors.counting()));
        assertThat(perLevel)
                .containsEntry(RegionLevel.PROVINCE, 31L)
                .containsEntry(RegionLevel.CITY, 342L)
                .containsEntry(RegionLevel.COUNTY, 2975L);
        Set<String> seen = new HashSet<>();
        for (Region region : regions) {
            region.parentCode()
                    .ifPresent(parent -> assertThat(seen).as(region.name()).contains(parent));
            assertThat(seen.add(region.code())).as("unique " + region.code()).isTrue();
            // inside China's bounding box
            assertThat(region.center().lat()).isBetween(3.0, 54.0);
            assertThat(region.center().lon()).isBetween(73.0, 136.0);
        }
    }

    @Test
    void provinceAndCityCentresLieAmongTheirCounties() throws Exception {
        List<Region> regions = RegionData.parse(RegionData.read());
        Region anhui =
                regions.stream().filter(r -> r.code().equals("34")).findFirst().orElseThrow();
        assertThat(anhui.name()).isEqualTo("安徽省");
        assertThat(anhui.center().lat()).isBetween(29.4, 34.7);
        assertThat(anhui.center().lon()).isBetween(114.9, 119.7);
    }

    @Test
    void townsHangUnderTheirCountyWithItsCentre() throws Exception {
        List<Region> regions = RegionData.parse(RegionData.read(), RegionData.readTowns());
        Map<String, Region> byCode = new java.util.HashMap<>();
        regions.forEach(r -> byCode.put(r.code(), r));
        List<Region> towns =
                regions.stream().filter(r -> r.level() == RegionLevel.TOWN).toList();
        assertThat(towns).hasSize(41_352);
        for (Region town : towns) {
            Region parent = byCode.get(town.parentCode().orElseThrow());
            assertThat(parent).as(town.code()).isNotNull();
            assertThat(town.code()).startsWith(parent.code());
            assertThat(town.center()).isEqualTo(parent.center());
        }
        assertThat(byCode.get("110101001").name()).isEqualTo("东华门街道");
        assertThat(byCode.get("110101001").shortName()).isEqualTo("东华门");
    }
}
