package dev.cqrs.orders.query.customersummary;

import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.LAST_ORDER_AT;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonDocumentWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;

/**
 * An in-memory {@link CustomerSummaryStore} with the semantics of the MongoDB one; {@link CustomerSummaryStoreContract}
 * holds both to the same assertions. Every call is atomic here, so it needs none of the MongoDB store's bookkeeping of
 * moves. Documents are round-tripped through BSON, so callers see the driver's types.
 */
final class InMemoryCustomerSummaryStore implements CustomerSummaryStore {

    private static final DocumentCodec CODEC = new DocumentCodec();

    private final Map<String, CountedOrder> contributions = new HashMap<>();
    private final Map<String, Document> summaries = new TreeMap<>();

    @Override
    public synchronized Optional<CountedOrder> counted(String customerId, String orderId) {
        return Optional.ofNullable(contributions.get(orderId));
    }

    @Override
    public synchronized boolean recount(OrderFacts order, CountedOrder before) {
        CountedOrder counted = contributions.get(order.orderId());
        boolean matches = before == null ? counted == null : counted != null && counted.version() == before.version();
        if (!matches) {
            return false;
        }
        Document current = summaries.get(order.customerId());
        Document updated = current == null ? new Document(VersionedStore.ID, order.customerId()) : copy(current);
        SummaryDeltas.of(order, before == null ? null : before.status())
                .forEach((path, delta) -> increment(updated, path, delta));
        Date last = updated.getDate(LAST_ORDER_AT);
        if (last == null || last.before(order.createdAt())) {
            updated.put(LAST_ORDER_AT, order.createdAt());
        }
        summaries.put(order.customerId(), copy(updated));
        contributions.put(order.orderId(), new CountedOrder(order.version(), order.status()));
        return true;
    }

    @Override
    public synchronized Optional<Document> find(String customerId) {
        return Optional.ofNullable(summaries.get(customerId)).map(InMemoryCustomerSummaryStore::copy);
    }

    /** Every summary, by customer id. */
    synchronized Map<String, Document> all() {
        Map<String, Document> all = new TreeMap<>();
        summaries.forEach((customer, summary) -> all.put(customer, copy(summary)));
        return all;
    }

    private static void increment(Document document, String path, long delta) {
        String[] parts = path.split("\\.");
        Document parent = document.get(parts[0], Document.class);
        if (parent == null) {
            parent = new Document();
            document.put(parts[0], parent);
        }
        Object current = parent.get(parts[1]);
        parent.put(parts[1], (current == null ? 0L : ((Number) current).longValue()) + delta);
    }

    private static Document copy(Document document) {
        BsonDocument bson = new BsonDocument();
        CODEC.encode(new BsonDocumentWriter(bson), document, EncoderContext.builder().build());
        return CODEC.decode(new BsonDocumentReader(bson), DecoderContext.builder().build());
    }
}
