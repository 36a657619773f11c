package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from Maven) with logical decoding on, keeping its data in a directory
 * so that a restart finds it again.
 */
public final class PostgresNode implements AutoCloseable {

    public static final String DATABASE = "orders";
    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresNode.class);

    private final EmbeddedPostgres postgres;

    private PostgresNode(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on the port, creating the cluster under {@code dataDir} on first use. */
    public static PostgresNode start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("wal_level", "logical")
                // One PostgreSQL serves every integration test class of a module, and each relay test takes a slot
                // (and a WAL sender) of its own; 10 ran out once the suites grew. Same as the container path.
                .setServerConfig("max_wal_senders", "32")
                .setServerConfig("max_replication_slots", "32")
                .setServerConfig("max_connections", "200")
                // Durability matters for the relay tests: a crash must not lose a committed transaction.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        PostgresNode node = new PostgresNode(postgres);
        node.createDatabaseIfMissing();
        log.info("PostgreSQL is up at {} (data in {})", node.jdbcUrl(), dataDir);
        return node;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of the application database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    private void createDatabaseIfMissing() throws IOException {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, USER, "");
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("could not create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server cleanly (a fast shutdown: sessions are ended, committed data is kept). */
    @Override
    public void close() throws IOException {
        postgres.close();
        log.info("PostgreSQL on port {} stopped", port());
    }
}
