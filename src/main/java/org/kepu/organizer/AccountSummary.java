package org.kepu.organizer;

import java.util.Set;
import java.util.UUID;
import org.kepu.shared.security.Role;

/** An account as administrators see it (never with its password hash). */
public record AccountSummary(UUID id, String username, Set<Role> roles, UUID orgUnitId, boolean enabled) {}
