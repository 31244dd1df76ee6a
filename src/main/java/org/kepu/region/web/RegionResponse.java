package org.kepu.region.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.kepu.region.Region;
import org.kepu.region.RegionDetails;

/** A region as the API shows it; {@code path} only on the single-region answer. */
record RegionResponse(
        String code,
        String name,
        String shortName,
        String level,
        String parent,
        Center center,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<PathEntry> path) {

    record Center(double lat, double lon) {}

    record PathEntry(String code, String name) {}

    static RegionResponse of(Region region) {
        return new RegionResponse(
                region.code(),
                region.name(),
                region.shortName(),
                region.level().name(),
                region.parentCode().orElse(null),
                new Center(region.center().lat(), region.center().lon()),
                null);
    }

    static RegionResponse of(RegionDetails details) {
        RegionResponse plain = of(details.region());
        return new RegionResponse(
                plain.code,
                plain.name,
                plain.shortName,
                plain.level,
                plain.parent,
                plain.center,
                details.path().stream()
                        .map(r -> new PathEntry(r.code(), r.name()))
                        .toList());
    }
}
