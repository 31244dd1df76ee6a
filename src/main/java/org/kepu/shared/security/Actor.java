package org.kepu.shared.security;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in account acting in a request, as every module sees it.
 *
 * @param regionCode the region its org unit is responsible for; empty for a national unit (whole country)
 */
public record Actor(
        UUID accountId,
        String username,
        Set<Role> roles,
        UUID orgUnitId,
        String orgUnitName,
        Optional<String> regionCode) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The region subtree this actor may see and act in. */
    public RegionScope scope() {
        return regionCode.map(RegionScope::subtree).orElse(RegionScope.everywhere());
    }
}
