package dev.cqrs.orders.command.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cqrs.orders.local.KafkaNode;
import dev.cqrs.orders.local.Ports;
import dev.cqrs.orders.local.PostgresNode;

/**
 * One real PostgreSQL and one real Kafka broker per test JVM, started on first use. Each test class gets its own
 * database, replication slot and topic, so relays of different classes never share a slot.
 */
public final class TestInfra {

    private static PostgresNode postgres;
    private static KafkaNode kafka;
    private static Path postgresDir;
    private static int postgresPort;
    private static final AtomicInteger databases = new AtomicInteger();

    private TestInfra() {
    }

    public static synchronized PostgresNode postgres() {
        if (postgres == null) {
            try {
                Path dir = Files.createTempDirectory("command-it");
                postgresDir = dir.resolve("pg");
                postgresPort = Ports.free();
                postgres = PostgresNode.start(postgresDir, postgresPort);
                kafka = KafkaNode.start(dir.resolve("kafka"), Ports.free(), Ports.free());
                Runtime.getRuntime().addShutdownHook(new Thread(TestInfra::stopAll));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }

    public static synchronized KafkaNode kafka() {
        postgres();
        return kafka;
    }

    /** Stops PostgreSQL cleanly and starts it again on the same port and data: a database restart. */
    public static synchronized void restartPostgres() {
        try {
            postgres.close();
            postgres = PostgresNode.start(postgresDir, postgresPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh database; its name doubles as the slot and topic name of the test. */
    public static String newDatabase(String prefix) {
        String name = (prefix + "_" + databases.incrementAndGet()).toLowerCase();
        try (Connection c = DriverManager.getConnection(postgres().jdbcUrl(), PostgresNode.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres().port() + "/" + database;
    }

    private static synchronized void stopAll() {
        try {
            kafka.close();
            postgres.close();
        } catch (Exception e) {
            // The JVM is exiting; the temp directories go with it.
        }
    }
}
