package dev.cqrs.orders.query.customersummary;

import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.LAST_ORDER_AT;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.LEDGER_STATUS;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.LEDGER_VERSION;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.ORDERS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import dev.cqrs.orders.query.readmodel.ConcurrentBatchChangeException;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@link CustomerSummaryStore} on MongoDB with single-document atomic updates only: the filter pins the order's ledger
 * entry ({@code orders.<orderId>.v}, or its absence), and the same update moves the counters with {@code $inc}. The
 * collection is looked up on every call, so the live store follows a rebuild's switch.
 */
final class MongoCustomerSummaryStore implements CustomerSummaryStore {

    private final Supplier<MongoCollection<Document>> summaries;

    MongoCustomerSummaryStore(Supplier<MongoCollection<Document>> summaries) {
        this.summaries = summaries;
    }

    @Override
    public Optional<CountedOrder> counted(String customerId, String orderId) {
        // Only this order's ledger entry travels, however many orders the customer has.
        Document found = summaries.get().find(Filters.eq(VersionedStore.ID, customerId))
                .projection(Projections.include(entry(orderId)))
                .first();
        Document ledger = found == null ? null : found.get(ORDERS, Document.class);
        Document counted = ledger == null ? null : ledger.get(orderId, Document.class);
        return Optional.ofNullable(counted).map(MongoCustomerSummaryStore::countedOf);
    }

    @Override
    public boolean recount(OrderFacts order, CountedOrder before) {
        try {
            // Upsert only for an order not counted yet: that is how a customer's first order creates the summary.
            UpdateResult result = summaries.get().updateOne(filter(order, before), update(order, before),
                    new UpdateOptions().upsert(before == null));
            return result.getMatchedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            // The summary exists and already counts the order (or a racing first order created it): re-read, retry.
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** One read of every ledger entry the batch needs, then one ordered bulk of the same conditional writes. */
    @Override
    public Map<String, Long> recountAll(List<OrderFacts> orders) {
        Map<String, CountedOrder> counted = countedAll(orders);
        List<WriteModel<Document>> writes = new ArrayList<>();
        Map<String, Long> recounted = new LinkedHashMap<>();
        for (OrderFacts order : orders) {
            CountedOrder before = counted.get(order.orderId());
            if (before != null && before.version() >= order.version()) {
                continue; // already counted at this version or a newer one
            }
            writes.add(new UpdateOneModel<>(filter(order, before), update(order, before),
                    new UpdateOptions().upsert(before == null)));
            recounted.put(order.orderId(), before == null ? 0 : before.version());
        }
        if (writes.isEmpty()) {
            return recounted;
        }
        BulkWriteResult result;
        try {
            result = summaries.get().bulkWrite(writes, new BulkWriteOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            result = e.getWriteResult();
        }
        int done = result.getMatchedCount() + result.getUpserts().size();
        if (done != writes.size()) {
            throw new ConcurrentBatchChangeException("customer-summary: only " + done + " of " + writes.size()
                    + " ledger moves of a batch took effect (another writer counted those orders meanwhile)");
        }
        return recounted;
    }

    /** The ledger entries of these orders, by order id, read with one query over their customers. */
    private Map<String, CountedOrder> countedAll(List<OrderFacts> orders) {
        Set<String> customers = new HashSet<>();
        List<String> entries = new ArrayList<>();
        for (OrderFacts order : orders) {
            customers.add(order.customerId());
            entries.add(entry(order.orderId()));
        }
        Map<String, CountedOrder> counted = new HashMap<>();
        summaries.get().find(Filters.in(VersionedStore.ID, customers)).projection(Projections.include(entries))
                .forEach(summary -> {
                    Document ledger = summary.get(ORDERS, Document.class);
                    if (ledger != null) {
                        ledger.forEach((orderId, entry) -> counted.put(orderId, countedOf((Document) entry)));
                    }
                });
        return counted;
    }

    private static CountedOrder countedOf(Document entry) {
        return new CountedOrder(((Number) entry.get(LEDGER_VERSION)).longValue(),
                OrderStatus.valueOf(entry.getString(LEDGER_STATUS)));
    }

    /** Pins the order's ledger entry (or its absence), so that a duplicate or stale move matches nothing. */
    private static Bson filter(OrderFacts order, CountedOrder before) {
        return Filters.and(Filters.eq(VersionedStore.ID, order.customerId()), before == null
                ? Filters.exists(entry(order.orderId()), false)
                : Filters.eq(entry(order.orderId()) + "." + LEDGER_VERSION, before.version()));
    }

    /** Records the order's version and status in the ledger and moves the counters in the same update. */
    private static Bson update(OrderFacts order, CountedOrder before) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.set(entry(order.orderId()),
                new Document(LEDGER_VERSION, order.version()).append(LEDGER_STATUS, order.status().name())));
        for (Map.Entry<String, Long> delta : SummaryDeltas.of(order, before).entrySet()) {
            updates.add(Updates.inc(delta.getKey(), delta.getValue()));
        }
        updates.add(Updates.max(LAST_ORDER_AT, order.createdAt()));
        return Updates.combine(updates);
    }

    @Override
    public Optional<Document> find(String customerId) {
        return Optional.ofNullable(summaries.get().find(Filters.eq(VersionedStore.ID, customerId)).first());
    }

    private static String entry(String orderId) {
        return ORDERS + "." + orderId;
    }
}
