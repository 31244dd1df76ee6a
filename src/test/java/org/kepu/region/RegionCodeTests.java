package org.kepu.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegionCodeTests {

    @Test
    void paddedAndStatisticalFormsBecomeCanonical() {
        assertThat(RegionCode.canonical("340000")).contains("34");
        assertThat(RegionCode.canonical("340200")).contains("3402");
        assertThat(RegionCode.canonical("340207")).contains("340207");
        assertThat(RegionCode.canonical("34")).contains("34");
        assertThat(RegionCode.canonical("130102001000")).contains("130102001");
    }

    @Test
    void textThatIsNoCodeIsRejected() {
        for (String bad : new String[] {"", "3", "340", "34020", "abc", "34a2", "00", "3402071", " 34", "٣٤"}) {
            assertThat(RegionCode.canonical(bad)).as(bad).isEmpty();
        }
        assertThat(RegionCode.canonical(null)).isEmpty();
    }

    @Test
    void parentsAndAncestorsFollowTheDigits() {
        assertThat(RegionCode.parent("340207")).contains("3402");
        assertThat(RegionCode.parent("34")).isEmpty();
        assertThat(RegionCode.ancestors("340207001")).containsExactly("34", "3402", "340207");
        assertThat(RegionCode.level("3402")).isEqualTo(RegionLevel.CITY);
    }

    @Test
    void subtreeMembershipMatchesABruteForceWalkOnRandomTrees() {
        Random random = new Random(20260924L);
        for (int round = 0; round < 50; round++) {
            Map<String, String> parentOf = new HashMap<>();
            List<String> codes = randomTree(random, parentOf);
            for (int i = 0; i < 400; i++) {
                String code = codes.get(random.nextInt(codes.size()));
                String root = codes.get(random.nextInt(codes.size()));
                assertThat(RegionCode.isWithin(code, root))
                        .as("%s within %s", code, root)
                        .isEqualTo(walkUp(code, root, parentOf));
            }
        }
    }

    private static List<String> randomTree(Random random, Map<String, String> parentOf) {
        List<String> all = new ArrayList<>();
        for (int p = 0; p < 1 + random.nextInt(4); p++) {
            String province = String.format("%02d", 11 + random.nextInt(80));
            if (parentOf.containsKey(province) || all.contains(province)) {
                continue;
            }
            all.add(province);
            for (int c = 1; c <= random.nextInt(4); c++) {
                String city = province + String.format("%02d", c);
                all.add(city);
                parentOf.put(city, province);
                for (int k = 1; k <= random.nextInt(4); k++) {
                    String county = city + String.format("%02d", k);
                    all.add(county);
                    parentOf.put(county, city);
                    for (int t = 1; t <= random.nextInt(3); t++) {
                        String town = county + String.format("%03d", t);
                        all.add(town);
                        parentOf.put(town, county);
                    }
                }
            }
        }
        return all;
    }

    private static boolean walkUp(String code, String root, Map<String, String> parentOf) {
        for (Optional<String> at = Optional.of(code);
                at.isPresent();
                at = Optional.ofNullable(parentOf.get(at.get()))) {
            if (at.get().equals(root)) {
                return true;
            }
        }
        return false;
    }
}
