package org.kepu.region;

import java.util.Optional;

/**
 * One administrative division.
 *
 * @param code canonical code (2, 4, 6 or 9 digits)
 * @param name official name, e.g. 峨山彝族自治县
 * @param shortName name without its administrative suffix, e.g. 峨山
 * @param center centre point in GCJ-02 (the system of the shipped data)
 */
public record Region(
        String code, String name, String shortName, RegionLevel level, Optional<String> parentCode, GeoPoint center) {

    /** A point in GCJ-02 coordinates. */
    public record GeoPoint(double lat, double lon) {}
}
