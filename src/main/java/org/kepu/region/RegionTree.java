package org.kepu.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All regions in memory, indexed by code and by parent: the data is small and changes only with a deploy. */
final class RegionTree {

    private static final String ROOT = "";

    private final Map<String, Region> byCode = new HashMap<>();
    private final Map<String, List<Region>> byParent = new HashMap<>();

    RegionTree(List<Region> regions) {
        for (Region region : regions) {
            byCode.put(region.code(), region);
            byParent.computeIfAbsent(region.parentCode().orElse(ROOT), k -> new ArrayList<>())
                    .add(region);
        }
        byParent.values().forEach(children -> children.sort(Comparator.comparing(Region::code)));
        byParent.replaceAll((k, v) -> List.copyOf(v));
    }

    Optional<Region> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    List<Region> children(Optional<String> parent) {
        return byParent.getOrDefault(parent.orElse(ROOT), List.of());
    }

    List<Region> path(Region region) {
        return RegionCode.ancestors(region.code()).stream()
                .map(byCode::get)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    int size() {
        return byCode.size();
    }

    List<Region> all() {
        return List.copyOf(byCode.values());
    }
}
