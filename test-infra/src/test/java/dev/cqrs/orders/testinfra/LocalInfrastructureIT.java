package dev.cqrs.orders.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

/** The local path: the same contract as the containers, served by the local stack. */
class LocalInfrastructureIT {

    @Test
    void theLocalStackServesTheSameContractAndSurvivesAPostgresRestart() throws Exception {
        try (LocalInfrastructure infra = new LocalInfrastructure()) {
            String database = infra.createDatabase("local");
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl(database), infra.user(), infra.password())) {
                c.createStatement().execute("CREATE TABLE kept (id int)");
            }
            infra.restartPostgres();
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl(database), infra.user(), infra.password());
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('wal_level'), count(*) FROM kept")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
            }
            assertThat(infra.mongoConnectionString()).startsWith("mongodb://");
        }
    }
}
