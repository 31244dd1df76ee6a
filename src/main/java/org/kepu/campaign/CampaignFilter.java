package org.kepu.campaign;

import java.util.Optional;

/**
 * Which editions to list; every given filter must match.
 *
 * @param regionCode a region at any level: keeps the editions of that region and of its ancestors, and the
 *     national ones (the campaigns a place takes part in)
 */
public record CampaignFilter(Optional<CampaignKind> kind, Optional<Integer> year, Optional<String> regionCode) {

    public static CampaignFilter all() {
        return new CampaignFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
