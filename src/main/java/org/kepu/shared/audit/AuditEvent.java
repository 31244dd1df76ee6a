package org.kepu.shared.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audited action: who did what to which record, and what changed.
 *
 * @param actor the username, or {@code system}
 * @param action a dotted verb, e.g. {@code account.disabled}, {@code activity.approved}
 * @param details before/after values and reasons, stored as JSON
 */
public record AuditEvent(
        UUID id,
        Instant at,
        String actor,
        String action,
        String targetType,
        String targetId,
        Map<String, Object> details) {}
