package dev.cqrs.orders.query.readmodel;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local stack's Mongo wire server (in memory) and a client of the real driver, for one test class:
 * {@code @RegisterExtension static final MongoWireServer mongo = new MongoWireServer();}. Started before the class's
 * first test, stopped after its last.
 */
public final class MongoWireServer implements BeforeAllCallback, AfterAllCallback {

    private final AtomicInteger databases = new AtomicInteger();
    private MongoNode node;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        node = MongoNode.start(null, Ports.free());
        client = MongoClients.create(node.connectionString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        node.close();
    }

    public MongoClient client() {
        return client;
    }

    /** A database no other test of the class has written to, named {@code <prefix>_<n>}. */
    public MongoDatabase freshDatabase(String prefix) {
        return client.getDatabase(prefix + "_" + databases.incrementAndGet());
    }
}
