package org.kepu.organizer;

import java.util.Optional;
import java.util.UUID;

/** Command: create an org unit under an optional parent; {@code regionCode} empty means national. */
public record CreateOrgUnit(String name, OrgUnitKind kind, Optional<String> regionCode, Optional<UUID> parentId) {}
