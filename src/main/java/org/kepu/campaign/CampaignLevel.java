package org.kepu.campaign;

import java.util.Optional;
import org.kepu.region.RegionLevel;

/** Who runs an edition: the nation, or a province, city or county with its own sub-theme. */
public enum CampaignLevel {
    NATIONAL(null),
    PROVINCE(RegionLevel.PROVINCE),
    CITY(RegionLevel.CITY),
    COUNTY(RegionLevel.COUNTY);

    private final RegionLevel regionLevel;

    CampaignLevel(RegionLevel regionLevel) {
        this.regionLevel = regionLevel;
    }

    /** The level of region an edition at this level belongs to; empty for a national edition. */
    public Optional<RegionLevel> regionLevel() {
        return Optional.ofNullable(regionLevel);
    }
}
