package org.kepu.campaign;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class CampaignEditionRepository {

    private static final String COLUMNS = "id, kind, year, level, region_code, name, theme, starts_on, ends_on,"
            + " registration_opens_on, evidence_due_days, version, created_at, updated_at";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM campaign.edition";

    /** National editions first among those starting the same day, then from province down. */
    private static final String ORDER =
            " ORDER BY starts_on DESC, length(coalesce(region_code, '')), region_code," + " kind, id";

    private static final String INSERT = "INSERT INTO campaign.edition (" + COLUMNS + ")"
            + " VALUES (:id, :kind, :year, :level, :regionCode, :name, :theme, :startsOn, :endsOn,"
            + " :registrationOpensOn, :evidenceDueDays, 0, :createdAt, :updatedAt)"
            + " ON CONFLICT DO NOTHING RETURNING " + COLUMNS;

    private static final String UPDATE = "UPDATE campaign.edition SET kind = :kind, year = :year, level = :level,"
            + " region_code = :regionCode, name = :name, theme = :theme, starts_on = :startsOn, ends_on = :endsOn,"
            + " registration_opens_on = :registrationOpensOn, evidence_due_days = :evidenceDueDays,"
            + " version = version + 1, updated_at = :now"
            + " WHERE id = :id AND version = :version RETURNING " + COLUMNS;

    private final DatabaseClient db;

    CampaignEditionRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The stored edition, or empty when one with the same id or the same identity exists already. */
    Mono<CampaignEdition> insertIfAbsent(CampaignEdition edition, Instant now) {
        Map<String, Object> values = values(edition);
        values.put("createdAt", now);
        values.put("updatedAt", now);
        return db.sql(INSERT)
                .bindValues(values)
                .map(CampaignEditionRepository::edition)
                .one();
    }

    /** The updated edition, or empty when no edition has this id at this version. */
    Mono<CampaignEdition> update(CampaignEdition edition, long expectedVersion, Instant now) {
        Map<String, Object> values = values(edition);
        values.put("version", expectedVersion);
        values.put("now", now);
        return db.sql(UPDATE)
                .bindValues(values)
                .map(CampaignEditionRepository::edition)
                .one();
    }

    Mono<CampaignEdition> findById(UUID id) {
        return db.sql(SELECT + " WHERE id = :id")
                .bind("id", id)
                .map(CampaignEditionRepository::edition)
                .one();
    }

    /**
     * Editions matching every given filter. {@code regionCodes}, when given, keeps national editions and
     * those of the listed regions.
     */
    Flux<CampaignEdition> find(
            Optional<CampaignKind> kind, Optional<Integer> year, Optional<List<String>> regionCodes) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        Map<String, Object> values = new LinkedHashMap<>();
        kind.ifPresent(k -> {
            sql.append(" AND kind = :kind");
            values.put("kind", k.name());
        });
        year.ifPresent(y -> {
            sql.append(" AND year = :year");
            values.put("year", y);
        });
        regionCodes.ifPresent(codes -> {
            sql.append(" AND (region_code IS NULL OR region_code = ANY(:regionCodes))");
            values.put("regionCodes", codes.toArray(String[]::new));
        });
        sql.append(ORDER);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        if (!values.isEmpty()) {
            spec = spec.bindValues(values);
        }
        return spec.map(CampaignEditionRepository::edition).all();
    }

    Flux<CampaignEdition> runningOn(LocalDate day) {
        return db.sql(SELECT + " WHERE starts_on <= :day AND ends_on >= :day" + ORDER)
                .bind("day", day)
                .map(CampaignEditionRepository::edition)
                .all();
    }

    private static Map<String, Object> values(CampaignEdition e) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", e.id());
        values.put("kind", e.kind().name());
        values.put("year", e.year());
        values.put("level", e.level().name());
        values.put("regionCode", Parameter.fromOrEmpty(e.regionCode().orElse(null), String.class));
        values.put("name", e.name());
        values.put("theme", e.theme());
        values.put("startsOn", e.startsOn());
        values.put("endsOn", e.endsOn());
        values.put(
                "registrationOpensOn",
                Parameter.fromOrEmpty(e.registrationOpensOn().orElse(null), LocalDate.class));
        values.put("evidenceDueDays", e.evidenceDueDays());
        return values;
    }

    private static CampaignEdition edition(Readable row) {
        return new CampaignEdition(
                row.get("id", UUID.class),
                CampaignKind.valueOf(row.get("kind", String.class)),
                row.get("year", Integer.class),
                CampaignLevel.valueOf(row.get("level", String.class)),
                Optional.ofNullable(row.get("region_code", String.class)),
                row.get("name", String.class),
                row.get("theme", String.class),
                row.get("starts_on", LocalDate.class),
                row.get("ends_on", LocalDate.class),
                Optional.ofNullable(row.get("registration_opens_on", LocalDate.class)),
                row.get("evidence_due_days", Integer.class),
                row.get("version", Long.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
