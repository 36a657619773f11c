package dev.cqrs.orders.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The container path itself: runs only where a Docker engine answers (there is none on the project's machines). */
@Testcontainers(disabledWithoutDocker = true)
class ContainerInfrastructureIT {

    @Test
    void containersServeLogicalDecodingPostgresKafkaAndMongo() throws Exception {
        try (ContainerInfrastructure infra = new ContainerInfrastructure()) {
            String database = infra.createDatabase("containers");
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl(database), infra.user(), infra.password());
                 ResultSet rs = c.createStatement().executeQuery("SHOW wal_level")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
            }
            assertThat(infra.kafkaBootstrapServers()).isNotBlank();
            assertThat(infra.mongoConnectionString()).startsWith("mongodb://");
        }
    }
}
