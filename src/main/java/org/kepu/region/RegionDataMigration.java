package org.kepu.region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads the shipped region file as a repeatable Flyway migration: its checksum is the file's, so it runs
 * again exactly when the file changes. Rows are upserted: names and centres are updated, new codes added,
 * vanished codes kept (records elsewhere still point at them), and an unchanged row is not touched.
 */
@Component
class RegionDataMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(RegionDataMigration.class);

    private static final String UPSERT = """
            INSERT INTO region.region (code, name, short_name, level, parent_code, center_lat, center_lon)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET
              name = EXCLUDED.name, short_name = EXCLUDED.short_name, level = EXCLUDED.level,
              parent_code = EXCLUDED.parent_code, center_lat = EXCLUDED.center_lat,
              center_lon = EXCLUDED.center_lon, updated_at = now()
            WHERE (region.name, region.short_name, region.parent_code, region.center_lat, region.center_lon)
              IS DISTINCT FROM
              (EXCLUDED.name, EXCLUDED.short_name, EXCLUDED.parent_code, EXCLUDED.center_lat, EXCLUDED.center_lon)
            """;

    private final byte[] data;
    private final byte[] towns;

    RegionDataMigration() {
        this(shipped(), shippedTowns());
    }

    /** For different files, e.g. next year's data in a test. */
    RegionDataMigration(byte[] data, byte[] towns) {
        this.data = data.clone();
        this.towns = towns.clone();
    }

    private static byte[] shipped() {
        try {
            return RegionData.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] shippedTowns() {
        try {
            return RegionData.readTowns();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MigrationVersion getVersion() {
        return null; // repeatable
    }

    @Override
    public String getDescription() {
        return "region data " + RegionData.RESOURCE + " and " + RegionData.TOWNS;
    }

    @Override
    public Integer getChecksum() {
        return RegionData.checksum(data, towns);
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        upsert(context.getConnection());
    }

    /** Writes the file's regions; returns how many rows were inserted or changed. */
    int upsert(Connection connection) throws Exception {
        List<Region> regions = RegionData.parse(data, towns);
        int changed = 0;
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Region region : regions) {
                upsert.setString(1, region.code());
                upsert.setString(2, region.name());
                upsert.setString(3, region.shortName());
                upsert.setString(4, region.level().name());
                upsert.setString(5, region.parentCode().orElse(null));
                upsert.setDouble(6, region.center().lat());
                upsert.setDouble(7, region.center().lon());
                upsert.addBatch();
            }
            for (int count : upsert.executeBatch()) {
                changed += Math.max(count, 0);
            }
        }
        log.info("Region data: {} regions in the file, {} rows inserted or updated", regions.size(), changed);
        return changed;
    }
}
