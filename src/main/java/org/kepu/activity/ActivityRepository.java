package org.kepu.activity;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class ActivityRepository {

    static final String COLUMNS = """
            id, campaign_id, org_unit_id, organizer_name, region_code, title, subtitle, description, co_organizers,
            venue_name, venue_address, venue_lat, venue_lon, starts_at, ends_at, format, categories, audiences,
            main_venue, contact_name, contact_phone, contact_public, capacity, wheelchair, sign_language, captions,
            elder_friendly, live_url, check_in_radius_m, status, status_reason, version, created_at, updated_at,
            submitted_at, possible_duplicates
            """;

    private final DatabaseClient db;

    ActivityRepository(DatabaseClient db) {
        this.db = db;
    }

    DatabaseClient db() {
        return db;
    }

    Mono<Activity> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM activity.activity WHERE id = :id")
                .bind("id", id)
                .map(ActivityRepository::activity)
                .one();
    }

    Mono<Void> insert(Activity a, String createdBy, Optional<UUID> copiedFrom) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO activity.activity (id, org_unit_id, organizer_name, status, created_by, created_at,
                          updated_at, version, copied_from, campaign_id, region_code, title, subtitle, description,
                          co_organizers, venue_name, venue_address, venue_lat, venue_lon, starts_at, ends_at, format,
                          categories, audiences, main_venue, contact_name, contact_phone, contact_public, capacity,
                          wheelchair, sign_language, captions, elder_friendly, live_url, check_in_radius_m)
                        VALUES (:id, :unit, :organizer, :status, :createdBy, :now, :now, 0, :copiedFrom, :campaign,
                          :region, :title, :subtitle, :description, :coOrganizers, :venueName, :venueAddress,
                          :venueLat, :venueLon, :startsAt, :endsAt, :format, :categories, :audiences, :mainVenue,
                          :contactName, :contactPhone, :contactPublic, :capacity, :wheelchair, :signLanguage,
                          :captions, :elderFriendly, :liveUrl, :radius)
                        """)
                .bind("id", a.id())
                .bind("unit", a.orgUnitId())
                .bind("organizer", a.organizerName())
                .bind("status", a.status().name())
                .bind("createdBy", createdBy)
                .bind("now", a.createdAt());
        spec = nullable(spec, "copiedFrom", copiedFrom.orElse(null), UUID.class);
        return fields(spec, a.draft()).then();
    }

    /** Writes the draft's fields if the version still matches; emits whether it did. */
    Mono<Boolean> update(UUID id, long version, ActivityDraft draft, ActivityStatus status, Instant now) {
        GenericExecuteSpec spec = db.sql("""
                        UPDATE activity.activity SET campaign_id = :campaign, region_code = :region, title = :title,
                          subtitle = :subtitle, description = :description, co_organizers = :coOrganizers,
                          venue_name = :venueName, venue_address = :venueAddress, venue_lat = :venueLat,
                          venue_lon = :venueLon, starts_at = :startsAt, ends_at = :endsAt, format = :format,
                          categories = :categories, audiences = :audiences, main_venue = :mainVenue,
                          contact_name = :contactName, contact_phone = :contactPhone, contact_public = :contactPublic,
                          capacity = :capacity, wheelchair = :wheelchair, sign_language = :signLanguage,
                          captions = :captions, elder_friendly = :elderFriendly, live_url = :liveUrl,
                          check_in_radius_m = :radius, status = :status, updated_at = :now, version = version + 1,
                          submitted_at = CASE WHEN :status = 'SUBMITTED' THEN :now ELSE submitted_at END
                        WHERE id = :id AND version = :version
                        """)
                .bind("id", id)
                .bind("version", version)
                .bind("status", status.name())
                .bind("now", now);
        return fields(spec, draft).fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Moves the workflow if the activity is still in one of {@code from}; emits whether it did. */
    Mono<Boolean> transition(UUID id, Set<ActivityStatus> from, ActivityStatus to, String reason, Instant now) {
        GenericExecuteSpec spec = db.sql("""
                        UPDATE activity.activity SET status = :to, status_reason = :reason, updated_at = :now,
                          version = version + 1,
                          submitted_at = CASE WHEN :to = 'SUBMITTED' THEN :now ELSE submitted_at END,
                          published_at = CASE WHEN :to = 'PUBLISHED' THEN :now ELSE published_at END
                        WHERE id = :id AND status = ANY(:from)
                        """)
                .bind("id", id)
                .bind("to", to.name())
                .bind("now", now)
                .bind("from", from.stream().map(Enum::name).toArray(String[]::new));
        spec = nullable(spec, "reason", reason, String.class);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Moves a published activity to new times with a reason (POSTPONED). */
    Mono<Boolean> postpone(UUID id, Instant startsAt, Instant endsAt, String reason, Instant now) {
        return db.sql("""
                        UPDATE activity.activity SET status = 'POSTPONED', status_reason = :reason, starts_at = :startsAt,
                          ends_at = :endsAt, updated_at = :now, version = version + 1
                        WHERE id = :id AND status IN ('PUBLISHED', 'POSTPONED')
                        """)
                .bind("id", id)
                .bind("reason", reason)
                .bind("startsAt", startsAt)
                .bind("endsAt", endsAt)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Ids of public activities after {@code after}, in id order: one short statement per page. */
    Flux<UUID> publicIds(UUID after, int limit) {
        return db.sql("SELECT id FROM activity.activity WHERE status IN ('PUBLISHED', 'CANCELLED', 'POSTPONED')"
                        + " AND id > :after ORDER BY id LIMIT :limit")
                .bind("after", after)
                .bind("limit", limit)
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    /** Rows matching a WHERE clause the caller built with bound parameters. */
    Flux<Activity> select(String where, String orderAndLimit, Function<GenericExecuteSpec, GenericExecuteSpec> binder) {
        return select(db, where, orderAndLimit, binder);
    }

    /** The same, through another client (a read replica). */
    Flux<Activity> select(
            DatabaseClient client,
            String where,
            String orderAndLimit,
            Function<GenericExecuteSpec, GenericExecuteSpec> binder) {
        return binder.apply(client.sql(
                        "SELECT " + COLUMNS + " FROM activity.activity WHERE " + where + " " + orderAndLimit))
                .map(ActivityRepository::activity)
                .all();
    }

    private static GenericExecuteSpec fields(GenericExecuteSpec spec, ActivityDraft d) {
        Venue v = d.venue();
        Contact c = d.contact();
        spec = spec.bind("campaign", d.campaignId())
                .bind("region", d.regionCode())
                .bind("title", d.title().strip())
                .bind("description", d.description())
                .bind(
                        "coOrganizers",
                        d.coOrganizers().stream().map(String::strip).toArray(String[]::new))
                .bind("startsAt", d.startsAt())
                .bind("endsAt", d.endsAt())
                .bind("format", d.format().name())
                .bind("categories", names(d.categories()))
                .bind("audiences", names(d.audiences()))
                .bind("mainVenue", d.mainVenue())
                .bind("contactPublic", c != null && c.published())
                .bind("wheelchair", d.accessibility().wheelchair())
                .bind("signLanguage", d.accessibility().signLanguage())
                .bind("captions", d.accessibility().captions())
                .bind("elderFriendly", d.accessibility().elderFriendly());
        spec = nullable(spec, "subtitle", blankToNull(d.subtitle()), String.class);
        spec = nullable(spec, "venueName", v == null ? null : v.name().strip(), String.class);
        spec = nullable(spec, "venueAddress", v == null ? null : blankToNull(v.address()), String.class);
        spec = nullable(spec, "venueLat", v == null ? null : v.lat(), Double.class);
        spec = nullable(spec, "venueLon", v == null ? null : v.lon(), Double.class);
        spec = nullable(spec, "contactName", c == null ? null : blankToNull(c.name()), String.class);
        spec = nullable(spec, "contactPhone", c == null ? null : blankToNull(c.phone()), String.class);
        spec = nullable(spec, "capacity", d.capacity(), Integer.class);
        spec = nullable(spec, "liveUrl", blankToNull(d.liveUrl()), String.class);
        return nullable(spec, "radius", d.checkInRadiusM(), Integer.class);
    }

    private static String[] names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static Activity activity(Readable row) {
        Double lat = row.get("venue_lat", Double.class);
        Venue venue = lat == null
                ? null
                : new Venue(
                        row.get("venue_name", String.class),
                        row.get("venue_address", String.class),
                        lat,
                        row.get("venue_lon", Double.class));
        String contactName = row.get("contact_name", String.class);
        String contactPhone = row.get("contact_phone", String.class);
        Contact contact = contactName == null && contactPhone == null
                ? null
                : new Contact(contactName, contactPhone, Boolean.TRUE.equals(row.get("contact_public", Boolean.class)));
        ActivityDraft draft = new ActivityDraft(
                row.get("title", String.class),
                row.get("subtitle", String.class),
                row.get("campaign_id", UUID.class),
                row.get("region_code", String.class),
                venue,
                row.get("starts_at", Instant.class),
                row.get("ends_at", Instant.class),
                Format.valueOf(row.get("format", String.class)),
                enums(row.get("categories", String[].class), Category.class),
                enums(row.get("audiences", String[].class), Audience.class),
                Boolean.TRUE.equals(row.get("main_venue", Boolean.class)),
                row.get("description", String.class),
                List.of(Optional.ofNullable(row.get("co_organizers", String[].class))
                        .orElse(new String[0])),
                contact,
                row.get("capacity", Integer.class),
                new Accessibility(
                        Boolean.TRUE.equals(row.get("wheelchair", Boolean.class)),
                        Boolean.TRUE.equals(row.get("sign_language", Boolean.class)),
                        Boolean.TRUE.equals(row.get("captions", Boolean.class)),
                        Boolean.TRUE.equals(row.get("elder_friendly", Boolean.class))),
                row.get("live_url", String.class),
                row.get("check_in_radius_m", Integer.class));
        return new Activity(
                row.get("id", UUID.class),
                row.get("org_unit_id", UUID.class),
                row.get("organizer_name", String.class),
                draft,
                ActivityStatus.valueOf(row.get("status", String.class)),
                Optional.ofNullable(row.get("status_reason", String.class)),
                Optional.ofNullable(row.get("version", Long.class)).orElse(0L),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class),
                Optional.ofNullable(row.get("submitted_at", Instant.class)),
                List.of(Optional.ofNullable(row.get("possible_duplicates", UUID[].class))
                        .orElse(new UUID[0])));
    }

    Mono<Void> markDuplicates(UUID id, List<UUID> duplicates) {
        return db.sql("UPDATE activity.activity SET possible_duplicates = :dups WHERE id = :id")
                .bind("id", id)
                .bind("dups", duplicates.toArray(UUID[]::new))
                .then();
    }

    private static <E extends Enum<E>> Set<E> enums(String[] names, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        if (names != null) {
            Arrays.stream(names).map(n -> Enum.valueOf(type, n)).forEach(set::add);
        }
        return set;
    }
}
