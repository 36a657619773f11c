package dev.cqrs.orders.query.customersummary;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.cqrs.orders.query.readmodel.MongoWireServer;
import dev.cqrs.orders.query.readmodel.ProjectionIdempotencyContract;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The idempotency contract with the MongoDB store of contributions and summaries, over the wire protocol: every event
 * type's duplicates, stale deliveries, gaps and batches end in the same counters and contributions as every event
 * once, with no move left pending. The summaries' bookkeeping of moves is left out: its ids are random by design.
 */
class MongoCustomerSummaryProjectionIdempotencyTest extends ProjectionIdempotencyContract<CustomerSummaryProjection> {

    @RegisterExtension
    static final MongoWireServer mongo = new MongoWireServer();

    private final Map<CustomerSummaryProjection, List<MongoCollection<Document>>> collections = new IdentityHashMap<>();

    @Override
    protected CustomerSummaryProjection newProjection(VersionedStore store) {
        MongoDatabase database = mongo.freshDatabase("idempotency");
        MongoCollection<Document> contributions = database.getCollection(CustomerSummaryFields.CONTRIBUTIONS);
        MongoCollection<Document> summaries = database.getCollection(CustomerSummaryFields.SUMMARIES);
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
