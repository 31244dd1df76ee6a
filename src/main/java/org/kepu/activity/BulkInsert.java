package org.kepu.activity;

import io.r2dbc.spi.Parameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Writes many published activities at once (demo data, benchmarks): one multi-row {@code INSERT … ON CONFLICT
 * DO NOTHING} whose {@code RETURNING} feeds the outbox rows, so each batch and its outbox rows are one
 * statement, and rows that exist already get neither.
 */
@Repository
class BulkInsert {

    /** PostgreSQL accepts at most 65,535 parameters in a statement; 29 per row leaves room for 2,000 rows. */
    static final int MAX_ROWS = 1000;

    private static final String COLUMNS = "id, campaign_id, org_unit_id, organizer_name, region_code, title,"
            + " subtitle, description, co_organizers, venue_name, venue_address, venue_lat, venue_lon, starts_at,"
            + " ends_at, format, categories, audiences, main_venue, contact_name, contact_phone, contact_public,"
            + " capacity, wheelchair, sign_language, captions, elder_friendly, live_url, check_in_radius_m";

    private static final int PER_ROW = COLUMNS.split(",").length;

    /** $1 status, $2 created_by, $3 the time stamps, $4 the outbox topic; rows start at $5. */
    private static final int SHARED = 4;

    private final DatabaseClient db;
    private final Map<Integer, String> statements = new ConcurrentHashMap<>();

    BulkInsert(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the activities as published unless their id exists; emits how many it inserted. */
    Mono<Long> published(List<Activity> batch, String createdBy, Instant now) {
        if (batch.isEmpty()) {
            return Mono.just(0L);
        }
        if (batch.size() > MAX_ROWS) {
            return Mono.error(new IllegalArgumentException("at most " + MAX_ROWS + " rows per batch"));
        }
        // all values in one call: each bind() copies the spec's bindings, which is quadratic in a batch
        List<Object> values = new ArrayList<>(SHARED + PER_ROW * batch.size());
        values.addAll(List.of(ActivityStatus.PUBLISHED.name(), createdBy, now, ActivityService.TOPIC));
        batch.forEach(a -> row(values, a));
        GenericExecuteSpec spec = db.sql(statements.computeIfAbsent(batch.size(), BulkInsert::statement))
                .bindValues(values);
        return spec.fetch().rowsUpdated();
    }

    static String statement(int rows) {
        StringBuilder sql = new StringBuilder("WITH inserted AS (INSERT INTO activity.activity (")
                .append(COLUMNS)
                .append(", status, created_by, created_at, updated_at, submitted_at, published_at, version) VALUES ");
        int p = SHARED + 1;
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ",(");
            for (int c = 0; c < PER_ROW; c++) {
                sql.append('$').append(p++).append(',');
            }
            sql.append("$1,$2,$3,$3,$3,$3,0)");
        }
        return sql.append(" ON CONFLICT (id) DO NOTHING RETURNING id)")
                .append(" INSERT INTO shared.outbox (topic, key, created_at) SELECT $4, id::text, $3 FROM inserted")
                .toString();
    }

    private static void row(List<Object> into, Activity a) {
        ActivityDraft d = a.draft();
        Venue v = d.venue();
        Contact c = d.contact();
        Object[] values = {
            a.id(),
            d.campaignId(),
            a.orgUnitId(),
            a.organizerName(),
            d.regionCode(),
            d.title().strip(),
            d.subtitle(),
            d.description(),
            d.coOrganizers().toArray(String[]::new),
            v == null ? null : v.name(),
            v == null ? null : v.address(),
            v == null ? null : v.lat(),
            v == null ? null : v.lon(),
            d.startsAt(),
            d.endsAt(),
            d.format().name(),
            names(d.categories()),
            names(d.audiences()),
            d.mainVenue(),
            c == null ? null : c.name(),
            c == null ? null : c.phone(),
            c != null && c.published(),
            d.capacity(),
            d.accessibility().wheelchair(),
            d.accessibility().signLanguage(),
            d.accessibility().captions(),
            d.accessibility().elderFriendly(),
            d.liveUrl(),
            d.checkInRadiusM()
        };
        for (int i = 0; i < values.length; i++) {
            into.add(values[i] == null ? Parameters.in(TYPES[i]) : values[i]);
        }
    }

    /** The Java type of each column, for binding nulls. */
    private static final Class<?>[] TYPES = {
        UUID.class,
        UUID.class,
        UUID.class,
        String.class,
        String.class,
        String.class,
        String.class,
        String.class,
        String[].class,
        String.class,
        String.class,
        Double.class,
        Double.class,
        Instant.class,
        Instant.class,
        String.class,
        String[].class,
        String[].class,
        Boolean.class,
        String.class,
        String.class,
        Boolean.class,
        Integer.class,
        Boolean.class,
        Boolean.class,
        Boolean.class,
        Boolean.class,
        String.class,
        Integer.class
    };

    private static String[] names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toArray(String[]::new);
    }
}
