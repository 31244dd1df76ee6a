package org.kepu.organizer;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.kepu.shared.security.Role;

/** An account row, including what only sign-in may see. */
record AccountRecord(
        UUID id,
        String username,
        String passwordHash,
        UUID orgUnitId,
        Set<Role> roles,
        boolean enabled,
        Instant notBefore) {

    AccountSummary summary() {
        return new AccountSummary(id, username, roles, orgUnitId, enabled);
    }

    /** Whether a session or token issued at {@code issuedAt} is still honoured. */
    boolean accepts(Instant issuedAt) {
        return enabled && !issuedAt.isBefore(notBefore);
    }
}
