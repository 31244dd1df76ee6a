package org.kepu.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegionScopeTests {

    @Test
    void aScopeContainsItsRootAndEverythingBelowAndNothingElse() {
        RegionScope wuhu = RegionScope.subtree("3402");
        assertThat(wuhu.contains("3402")).isTrue();
        assertThat(wuhu.contains("340207")).isTrue();
        assertThat(wuhu.contains("340207001")).isTrue();
        assertThat(wuhu.contains("34")).as("ancestor").isFalse();
        assertThat(wuhu.contains("3401")).as("sibling").isFalse();
        assertThat(wuhu.contains("6405")).as("unrelated").isFalse();
        assertThat(wuhu.contains(null)).as("a national record").isFalse();
        assertThat(RegionScope.everywhere().contains(null)).isTrue();
        assertThat(RegionScope.everywhere().contains("640502")).isTrue();
    }

    @Test
    void containmentAgreesWithABruteForceWalkUpRandomTrees() {
        Random random = new Random(7L);
        for (int round = 0; round < 100; round++) {
            Map<String, String> parentOf = new HashMap<>();
            List<String> codes = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                String province = String.valueOf(11 + random.nextInt(89));
                if (codes.contains(province)) {
                    continue;
                }
                codes.add(province);
                grow(random, province, 2, parentOf, codes);
            }
            for (int i = 0; i < 300; i++) {
                String code = codes.get(random.nextInt(codes.size()));
                String root = codes.get(random.nextInt(codes.size()));
                boolean walked = false;
                for (String at = code; at != null; at = parentOf.get(at)) {
                    walked |= at.equals(root);
                }
                assertThat(RegionScope.subtree(root).contains(code))
                        .as("%s in %s", code, root)
                        .isEqualTo(walked);
            }
        }
    }

    private static void grow(
            Random random, String parent, int digits, Map<String, String> parentOf, List<String> codes) {
        if (parent.length() >= 9) {
            return;
        }
        int width = parent.length() == 6 ? 3 : 2;
        for (int i = 1; i <= random.nextInt(4); i++) {
            String child = parent + String.format("%0" + width + "d", i + random.nextInt(3) * 10);
            if (codes.contains(child)) {
                continue;
            }
            codes.add(child);
            parentOf.put(child, parent);
            grow(random, child, digits, parentOf, codes);
        }
    }
}
