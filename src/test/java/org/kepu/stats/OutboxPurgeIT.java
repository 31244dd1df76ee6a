package org.kepu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.kepu.shared.outbox.Outbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The outbox does not grow for ever: rows every consumer is done with are deleted after the retention, and
 * nothing a consumer still needs (pending, dead, recent, or past the statistics watermark) is.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "kepu.devstack.database=kepu_outbox_purge",
            "kepu.stats.outbox-retention=1h",
            "kepu.stats.outbox-purge-every=200ms"
        })
class OutboxPurgeIT {

    @Autowired
    DatabaseClient db;

    @Autowired
    Outbox outbox;

    @Test
    void rowsEveryConsumerIsDoneWithGoAfterTheRetentionAndNoOthers() throws InterruptedException {
        long oldIndexed = row("activity", "now()", false);
        long oldStats = row("stats", null, false);
        long recent = row("activity", "now() - interval '10 minutes'", false);
        long pending = row("activity", null, false);
        long dead = row("activity", null, true);
        // statistics pass the rows first (a gap in the ids before them holds the watermark up to 10 s) and
        // stamp their own topic's row processed; then two of them have been done with for hours
        await("the statistics watermark passes the rows", Duration.ofSeconds(30), () -> watermark() >= dead);
        db.sql("UPDATE shared.outbox SET processed_at = now() - interval '2 hours' WHERE id IN (:a, :b)")
                .bind("a", oldIndexed)
                .bind("b", oldStats)
                .then()
                .block(Duration.ofSeconds(5));
        await("old processed rows are purged", Duration.ofSeconds(5), () -> !exists(oldIndexed) && !exists(oldStats));
        assertThat(List.of(recent, pending, dead)).allMatch(this::exists);
    }

    @Test
    void rowsPastTheStatisticsWatermarkStay() {
        // younger than the app's retention (its own purge leaves it), older than the one asked for here
        long processed = row("activity", "now() - interval '30 minutes'", false);
        assertThat(outbox.purge(Duration.ofMinutes(10), processed - 1, 100).block(Duration.ofSeconds(5)))
                .isZero();
        assertThat(exists(processed)).isTrue();
        assertThat(outbox.purge(Duration.ofMinutes(10), processed, 100).block(Duration.ofSeconds(5)))
                .isEqualTo(1);
        assertThat(exists(processed)).isFalse();
    }

    private static void await(String what, Duration within, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + within).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private long watermark() {
        return db.sql("SELECT outbox_id FROM stats.watermark WHERE name = 'outbox'")
                .map(r -> r.get("outbox_id", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    /** An outbox row about an unknown activity, processed at {@code processedAt} (SQL, or null: pending). */
    private long row(String topic, String processedAt, boolean dead) {
        return db.sql("INSERT INTO shared.outbox (topic, key, created_at, processed_at, dead)"
                        + " VALUES (:topic, :key, now() - interval '4 hours', " + processedAt + ", :dead) RETURNING id")
                .bind("topic", topic)
                .bind("key", UUID.randomUUID().toString())
                .bind("dead", dead)
                .map(r -> r.get("id", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    private boolean exists(long id) {
        return db.sql("SELECT count(*) AS n FROM shared.outbox WHERE id = :id")
                        .bind("id", id)
                        .map(r -> r.get("n", Long.class))
                        .one()
                        .block(Duration.ofSeconds(5))
                > 0;
    }
}
