package dev.cqrs.orders.query.customersummary;

import java.io.IOException;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MongoDB store honours the store contract, over the wire protocol with the real driver. */
class MongoCustomerSummaryStoreTest extends CustomerSummaryStoreContract {

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
    protected CustomerSummaryStore newStore() {
        MongoCollection<Document> summaries = client.getDatabase("contract").getCollection("summaries_" + ++collections);
        return new MongoCustomerSummaryStore(() -> summaries);
    }
}
