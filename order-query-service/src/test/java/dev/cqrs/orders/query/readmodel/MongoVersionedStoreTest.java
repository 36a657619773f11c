package dev.cqrs.orders.query.readmodel;

import java.io.IOException;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MongoDB store honours the store contract, over the wire protocol with the real driver. */
class MongoVersionedStoreTest extends VersionedStoreContract {

    private static MongoNode mongo;
    private static MongoClient client;
    private static int collections;

    @BeforeAll
    static void startMongo() throws IOException {
        mongo = MongoNode.start(null, Ports.free());
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        mongo.close();
    }

    @Override
    protected VersionedStore newStore() {
        return new MongoVersionedStore(client.getDatabase("contract").getCollection("store_" + ++collections));
    }
}
