package org.kepu.region;

import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

@Repository
class RegionRepository {

    private final DatabaseClient db;

    RegionRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<Region> findAll() {
        return db.sql("SELECT code, name, short_name, parent_code, center_lat, center_lon FROM region.region")
                .map(row -> {
                    String code = row.get("code", String.class);
                    return new Region(
                            code,
                            row.get("name", String.class),
                            row.get("short_name", String.class),
                            RegionCode.level(code),
                            Optional.ofNullable(row.get("parent_code", String.class)),
                            new Region.GeoPoint(
                                    row.get("center_lat", Double.class), row.get("center_lon", Double.class)));
                })
                .all();
    }
}
