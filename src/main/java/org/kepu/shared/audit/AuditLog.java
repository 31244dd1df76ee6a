package org.kepu.shared.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit trail. {@link #record} joins the caller's transaction (it uses the same reactive
 * connection), so an action and its audit entry are committed together or not at all.
 */
@Component
public class AuditLog {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(DatabaseClient db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    public Mono<Void> record(String actor, String action, String targetType, String targetId, Map<String, ?> details) {
        return db.sql("""
                        INSERT INTO shared.audit_event (id, at, actor, action, target_type, target_id, details)
                        VALUES (:id, :at, :actor, :action, :targetType, :targetId, CAST(:details AS jsonb))
                        """)
                .bind("id", UUID.randomUUID())
                .bind("at", clock.instant())
                .bind("actor", actor)
                .bind("action", action)
                .bind("targetType", targetType)
                .bind("targetId", targetId)
                .bind("details", json.writeValueAsString(details))
                .then();
    }

    /** Newest first; {@code before} is the {@code at} of the last entry of the previous page. */
    public Flux<AuditEvent> list(Optional<String> targetId, Optional<Instant> before, int size) {
        return db.sql("""
                        SELECT id, at, actor, action, target_type, target_id, details::text AS details
                        FROM shared.audit_event
                        WHERE (:targetId = '' OR target_id = :targetId) AND at < :before
                        ORDER BY at DESC, id DESC
                        LIMIT :size
                        """)
                .bind("targetId", targetId.orElse(""))
                .bind("before", before.orElse(Instant.parse("9999-12-31T00:00:00Z")))
                .bind("size", size)
                .map(row -> new AuditEvent(
                        row.get("id", UUID.class),
                        row.get("at", Instant.class),
                        row.get("actor", String.class),
                        row.get("action", String.class),
                        row.get("target_type", String.class),
                        row.get("target_id", String.class),
                        json.readValue(row.get("details", String.class), new TypeReference<Map<String, Object>>() {})))
                .all();
    }
}
