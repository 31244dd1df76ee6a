package org.kepu.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.DevStack;
import org.kepu.devstack.IntegrationTest;

/** Loading the same file twice changes nothing; next year's file renames and adds without breaking references. */
@IntegrationTest
class RegionDataMigrationIT {

    /** Towns in regions/towns_npm.csv whose county is in the county file. */
    static final int TOWNS = 41_352;

    @Test
    void loadingTheSameFileAgainChangesNothing() throws Exception {
        try (Connection connection = connect()) {
            assertThat(new RegionDataMigration().upsert(connection)).isZero();
            assertThat(count(connection, "SELECT count(*) FROM region.region")).isEqualTo(31 + 342 + 2975 + TOWNS);
        }
    }

    @Test
    void aNewYearsFileUpdatesNamesAndAddsCodesAndKeepsTheRest() throws Exception {
        String shipped = new String(RegionData.read(), StandardCharsets.UTF_8);
        String nextYear =
                shipped.replace("340207,鸠江区,", "340207,鸠江新区,") + "340299,示范新区,3402,芜湖市,34,安徽省,118.40,31.30,test\n";
        nextYear = nextYear.replaceAll("(?m)^130102,[^\\n]*\\n", ""); // a code that disappeared
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                int changed = new RegionDataMigration(
                                nextYear.getBytes(StandardCharsets.UTF_8), RegionDataMigration.shippedTowns())
                        .upsert(connection);
                // the renamed and the added county, and the centres of the parents whose counties changed
                assertThat(texts(connection, "SELECT code FROM region.region WHERE updated_at = now() ORDER BY code"))
                        .containsExactly("13", "1301", "34", "3402", "340207", "340299");
                assertThat(changed).isEqualTo(6);
                assertThat(text(connection, "SELECT name FROM region.region WHERE code = '340207'"))
                        .isEqualTo("鸠江新区");
                assertThat(text(connection, "SELECT short_name FROM region.region WHERE code = '340299'"))
                        .isEqualTo("示范");
                assertThat(count(connection, "SELECT count(*) FROM region.region WHERE code = '130102'"))
                        .isEqualTo(1);
            } finally {
                connection.rollback();
            }
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(DevStack.get().jdbcUrl(), "kepu", "");
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static java.util.List<String> texts(Connection connection, String sql) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }

    private static String text(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
