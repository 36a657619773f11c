package dev.cqrs.orders.query.customersummary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import dev.cqrs.orders.local.MongoNode;
import dev.cqrs.orders.local.Ports;
import dev.cqrs.orders.query.readmodel.ProjectionIdempotencyContract;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The idempotency contract with the MongoDB store of contributions and summaries, over the wire protocol: every event
 * type's duplicates, stale deliveries, gaps and batches end in the same counters and contributions as every event
 * once, with no move left pending. The summaries' bookkeeping of moves is left out: its ids are random by design.
 */
class MongoCustomerSummaryProjectionIdempotencyTest extends ProjectionIdempotencyContract<CustomerSummaryProjection> {

    private static MongoNode mongo;
    private static MongoClient client;
    private static int stores;

    private final Map<CustomerSummaryProjection, List<MongoCollection<Document>>> collections = new IdentityHashMap<>();

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
    protected CustomerSummaryProjection newProjection(VersionedStore store) {
        int n = ++stores;
        MongoCollection<Document> contributions = client.getDatabase("idempotency").getCollection("contributions_" + n);
        MongoCollection<Document> summaries = client.getDatabase("idempotency").getCollection("summaries_" + n);
        CustomerSummaryProjection projection = new CustomerSummaryProjection(store,
                new MongoCustomerSummaryStore(() -> contributions, () -> summaries));
        collections.put(projection, List.of(contributions, summaries));
        return projection;
    }

    @Override
    protected Object derivedState(CustomerSummaryProjection projection) {
        List<MongoCollection<Document>> own = collections.get(projection);
        return List.of(
                own.get(0).find().sort(Sorts.ascending("_id")).into(new ArrayList<>()),
                own.get(1).find().projection(GetCustomerSummaryHandler.COUNTERS).sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>()));
    }
}
