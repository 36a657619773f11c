package dev.cqrs.orders.testinfra;

import java.util.List;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports.Binding;
import dev.cqrs.orders.local.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real postgres, apache/kafka and mongo containers, each started on first use: the path taken where a Docker
 * engine runs. PostgreSQL gets a fixed host port so that a restart of its container keeps its address.
 */
final class ContainerInfrastructure implements Infrastructure {

    private static final String POSTGRES_IMAGE = "postgres:17";
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final String MONGO_IMAGE = "mongo:8";

    private final int postgresPort = Ports.free();
    private PostgreSQLContainer postgres;
    private KafkaContainer kafka;
    private MongoDBContainer mongo;

    @Override
    public String kind() {
        return "containers";
    }

    private synchronized PostgreSQLContainer postgres() {
        if (postgres == null) {
            postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                    .withUsername("postgres")
                    .withPassword("postgres")
                    .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=32", "-c", "max_wal_senders=32",
                            "-c", "max_connections=300")
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                            new PortBinding(Binding.bindPort(postgresPort), new ExposedPort(5432))));
            postgres.start();
        }
        return postgres;
    }

    @Override
    public String createDatabase(String prefix) {
        return Databases.create(postgres().getJdbcUrl(), user(), password(), prefix);
    }

    @Override
    public String jdbcUrl(String database) {
        postgres();
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgresPort + "/" + database;
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public void restartPostgres() {
        String id = postgres().getContainerId();
        DockerClientFactory.instance().client().restartContainerCmd(id).exec();
    }

    @Override
    public synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = new KafkaContainer(KAFKA_IMAGE);
            kafka.start();
        }
        return kafka.getBootstrapServers();
    }

    @Override
    public synchronized String mongoConnectionString() {
        if (mongo == null) {
            mongo = new MongoDBContainer(MONGO_IMAGE);
            mongo.start();
        }
        return mongo.getConnectionString();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable container : List.<AutoCloseable>of(
                () -> { if (mongo != null) mongo.stop(); },
                () -> { if (kafka != null) kafka.stop(); },
                () -> { if (postgres != null) postgres.stop(); })) {
            try {
                container.close();
            } catch (Exception e) {
                // Testcontainers' reaper removes whatever is left when the JVM exits.
            }
        }
    }
}
