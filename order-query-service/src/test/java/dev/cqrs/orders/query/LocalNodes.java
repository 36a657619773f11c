package dev.cqrs.orders.query;

import dev.cqrs.orders.testinfra.Infrastructure;
import dev.cqrs.orders.testinfra.Infrastructures;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a Kafka broker and a MongoDB of its own: apache/kafka and mongo containers where Docker runs,
 * the local stack's real KRaft broker and Mongo wire server otherwise (the one switch, {@link Infrastructures}).
 * Declare it before {@code @SpringBootTest}: after-callbacks run in reverse order, so the servers stop only once
 * Spring closed the context and its listeners, which would otherwise spend their shutdown reconnecting.
 */
final class LocalNodes implements BeforeAllCallback, AfterAllCallback {

    private static Infrastructure infrastructure;

    static String kafkaBootstrapServers() {
        return infrastructure.kafkaBootstrapServers();
    }

    static String mongoUri() {
        return infrastructure.mongoConnectionString();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        infrastructure = Infrastructures.fresh();
        // Start both now, before Spring reads the properties that point at them.
        infrastructure.kafkaBootstrapServers();
        infrastructure.mongoConnectionString();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        infrastructure.close();
    }
}
