package org.kepu.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The table refuses what the service refuses, whoever writes to it. Year 2078. */
@IntegrationTest
class CampaignSchemaIT {

    private static final String VALID = "'SCIENCE_DAY', 2078, 'NATIONAL', NULL, '2078年全国科普日', '主题',"
            + " '2078-09-14', '2078-09-20', '2078-07-01', 10";

    @Autowired
    DatabaseClient db;

    @Test
    void aRowBreakingARuleIsRefused() {
        Map<String, String> broken = Map.of(
                "a national edition with a region", VALID.replace("NULL", "'34'"),
                "a province edition without a region", VALID.replace("'NATIONAL'", "'PROVINCE'"),
                "a province edition with a city code", VALID.replace("'NATIONAL', NULL", "'PROVINCE', '3402'"),
                "an end before the start", VALID.replace("'2078-09-20'", "'2078-09-13'"),
                "63 days", VALID.replace("'2078-09-20'", "'2078-11-15'"),
                "a start in another year", VALID.replace("2078, 'NATIONAL'", "2077, 'NATIONAL'"),
                "registration after the start", VALID.replace("'2078-07-01'", "'2078-09-15'"),
                "evidence due after 61 days", VALID.replace(", 10", ", 61"),
                "an empty name", VALID.replace("'2078年全国科普日'", "''"));
        List<String> accepted = new ArrayList<>();
        broken.forEach((what, values) -> {
            boolean refused = insert(values)
                    .thenReturn(false)
                    .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(true))
                    .block(Duration.ofSeconds(10));
            if (!refused) {
                accepted.add(what);
            }
        });
        assertThat(accepted).as("rows the table accepted").isEmpty();
    }

    @Test
    void aSecondNationalEditionOfTheSameCampaignAndYearIsRefused() {
        String second = VALID.replace("'SCIENCE_DAY', 2078", "'SCIENCE_WEEK', 2078");
        insert(second).block(Duration.ofSeconds(10));
        boolean refused = insert(second)
                .thenReturn(false)
                .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(true))
                .block(Duration.ofSeconds(10));
        assertThat(refused).isTrue();
    }

    private Mono<Long> insert(String values) {
        // the values are fixed test literals, not input
        return db.sql("INSERT INTO campaign.edition (id, kind, year, level, region_code, name, theme, starts_on,"
                        + " ends_on, registration_opens_on, evidence_due_days, created_at, updated_at)"
                        + " VALUES (gen_random_uuid(), " + values + ", now(), now())")
                .fetch()
                .rowsUpdated();
    }
}
