package dev.cqrs.orders.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.cqrs.orders.local.KafkaNode;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import dev.cqrs.orders.local.PostgresNode;

/** The local stack in this JVM, each server started on first use: the path taken where no Docker engine runs. */
final class LocalInfrastructure implements Infrastructure {

    private final Path dir;
    private final int postgresPort = Ports.free();
    private PostgresNode postgres;
    private KafkaNode kafka;
    private MongoNode mongo;

    LocalInfrastructure() {
        try {
            dir = Files.createTempDirectory("test-infra");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String kind() {
        return "local";
    }

    private synchronized PostgresNode postgres() {
        if (postgres == null) {
            try {
                postgres = PostgresNode.start(dir.resolve("pg"), postgresPort);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }

    @Override
    public String createDatabase(String prefix) {
        return Databases.create(postgres().jdbcUrl(), user(), password(), prefix);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres().port() + "/" + database;
    }

    @Override
    public String user() {
        return PostgresNode.USER;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public synchronized void restartPostgres() {
        try {
            postgres().close();
            postgres = PostgresNode.start(dir.resolve("pg"), postgresPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            try {
                kafka = KafkaNode.start(dir.resolve("kafka"), Ports.free(), Ports.free());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return kafka.bootstrapServers();
    }

    @Override
    public synchronized String mongoConnectionString() {
        if (mongo == null) {
            try {
                mongo = MongoNode.start(null, Ports.free());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mongo.connectionString();
    }

    @Override
    public synchronized void close() {
        try {
            if (mongo != null) {
                mongo.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
