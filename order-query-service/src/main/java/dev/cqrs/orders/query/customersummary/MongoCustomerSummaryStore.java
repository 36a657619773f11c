package dev.cqrs.orders.query.customersummary;

import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.LAST_ORDER_AT;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.LEDGER_STATUS;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.LEDGER_VERSION;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.ORDERS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
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
        return Optional.ofNullable(counted).map(entry -> new CountedOrder(
                ((Number) entry.get(LEDGER_VERSION)).longValue(), OrderStatus.valueOf(entry.getString(LEDGER_STATUS))));
    }

    @Override
    public boolean recount(OrderFacts order, CountedOrder before) {
        Bson filter = Filters.and(Filters.eq(VersionedStore.ID, order.customerId()), before == null
                ? Filters.exists(entry(order.orderId()), false)
                : Filters.eq(entry(order.orderId()) + "." + LEDGER_VERSION, before.version()));
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.set(entry(order.orderId()),
                new Document(LEDGER_VERSION, order.version()).append(LEDGER_STATUS, order.status().name())));
        for (Map.Entry<String, Long> delta : SummaryDeltas.of(order, before).entrySet()) {
            updates.add(Updates.inc(delta.getKey(), delta.getValue()));
        }
        updates.add(Updates.max(LAST_ORDER_AT, order.createdAt()));
        try {
            // Upsert only for an order not counted yet: that is how a customer's first order creates the summary.
            UpdateResult result = summaries.get().updateOne(filter, Updates.combine(updates),
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

    @Override
    public Optional<Document> find(String customerId) {
        return Optional.ofNullable(summaries.get().find(Filters.eq(VersionedStore.ID, customerId)).first());
    }

    private static String entry(String orderId) {
        return ORDERS + "." + orderId;
    }
}
