package org.kepu.organizer;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class OrgUnitRepository {

    private final DatabaseClient db;

    OrgUnitRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<OrgUnit> findById(UUID id) {
        return db.sql("SELECT id, name, kind, region_code, parent_id FROM organizer.org_unit WHERE id = :id")
                .bind("id", id)
                .map(OrgUnitRepository::unit)
                .one();
    }

    /** The unit with this name in this region (empty region: national). */
    Mono<OrgUnit> findByNameAndRegion(String name, Optional<String> regionCode) {
        return db.sql("""
                        SELECT id, name, kind, region_code, parent_id FROM organizer.org_unit
                        WHERE name = :name AND coalesce(region_code, '') = :region
                        """)
                .bind("name", name)
                .bind("region", regionCode.orElse(""))
                .map(OrgUnitRepository::unit)
                .one();
    }

    /** Inserts unless a unit with this name exists in this region; emits whether it was inserted. */
    Mono<Boolean> insert(OrgUnit unit, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO organizer.org_unit (id, name, kind, region_code, parent_id, created_at)
                        VALUES (:id, :name, :kind, :region, :parent, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("id", unit.id())
                .bind("name", unit.name())
                .bind("kind", unit.kind().name())
                .bind("now", now);
        spec = unit.regionCode().isPresent()
                ? spec.bind("region", unit.regionCode().get())
                : spec.bindNull("region", String.class);
        spec = unit.parentId().isPresent()
                ? spec.bind("parent", unit.parentId().get())
                : spec.bindNull("parent", UUID.class);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    private static OrgUnit unit(Readable row) {
        return new OrgUnit(
                row.get("id", UUID.class),
                row.get("name", String.class),
                OrgUnitKind.valueOf(row.get("kind", String.class)),
                Optional.ofNullable(row.get("region_code", String.class)),
                Optional.ofNullable(row.get("parent_id", UUID.class)));
    }
}
