package org.kepu.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/** The SQL form of a region scope selects exactly what the Java form contains, on real PostgreSQL. */
@IntegrationTest
class RegionScopeSqlIT {

    @Autowired
    DatabaseClient db;

    @Test
    void theSqlPredicateAgreesWithContainsForEveryShippedRegion() {
        List<String> codes = db.sql("SELECT code FROM region.region")
                .map(row -> row.get("code", String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(codes).hasSizeGreaterThan(3000);
        Random random = new Random(3L);
        List<RegionScope> scopes = new java.util.ArrayList<>(List.of(RegionScope.everywhere()));
        for (int i = 0; i < 40; i++) {
            scopes.add(RegionScope.subtree(codes.get(random.nextInt(codes.size()))));
        }
        scopes.add(RegionScope.subtree("34"));
        for (RegionScope scope : scopes) {
            Set<String> expected = new TreeSet<>();
            codes.stream().filter(scope::contains).forEach(expected::add);
            Set<String> selected = new TreeSet<>(Flux.defer(
                            () -> scope.bind(db.sql("SELECT code FROM region.region WHERE " + scope.sql("code")))
                                    .map(row -> row.get("code", String.class))
                                    .all())
                    .collectList()
                    .block(Duration.ofSeconds(10)));
            assertThat(selected).as(scope.toString()).isEqualTo(expected).isNotEmpty();
        }
    }
}
