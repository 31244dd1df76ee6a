package org.kepu.organizer;

import java.util.Optional;
import java.util.UUID;

/**
 * An organization that publishes or reviews activities.
 *
 * @param regionCode the region it is responsible for; empty for a national unit
 */
public record OrgUnit(UUID id, String name, OrgUnitKind kind, Optional<String> regionCode, Optional<UUID> parentId) {}
