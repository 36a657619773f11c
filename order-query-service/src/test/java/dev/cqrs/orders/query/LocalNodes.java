package dev.cqrs.orders.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.cqrs.orders.local.KafkaNode;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real KRaft Kafka broker and the Mongo wire server for a test class. Declare it before
 * {@code @SpringBootTest}: after-callbacks run in reverse order, so the nodes stop only once Spring closed the
 * context and its listeners, which would otherwise spend their shutdown reconnecting.
 */
final class LocalNodes implements BeforeAllCallback, AfterAllCallback {

    private static Path kafkaDir;
    private static KafkaNode kafka;
    private static MongoNode mongo;

    static String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    static String mongoUri() {
        return mongo.connectionString();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        kafkaDir = Files.createTempDirectory("order-query-kafka");
        kafka = KafkaNode.start(kafkaDir, Ports.free(), Ports.free());
        mongo = MongoNode.start(null, Ports.free());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            kafka.close();
            mongo.close();
        } finally {
            try (Stream<Path> files = Files.walk(kafkaDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
