package org.kepu.organizer;

import java.util.Set;
import java.util.UUID;
import org.kepu.shared.security.Role;

/** Command: create an account in an org unit. */
public record CreateAccount(String username, String password, Set<Role> roles, UUID orgUnitId) {}
