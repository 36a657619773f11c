package dev.cqrs.orders.query.customersummary;

import java.util.Map;

import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;

/**
 * One order's contribution document: the order as the summary counts it ({@code order}, at its version), and the move
 * of the counters to it while that is in flight ({@code pending}, null once the summary has taken it).
 */
record Contribution(OrderFacts order, PendingMove pending) {

    /** The counter increments of the pending move: from what was counted before to {@link #order}. */
    Map<String, Long> deltas() {
        return SummaryDeltas.of(order, pending.from());
    }

    Document toDocument() {
        Document document = new Document(VersionedStore.ID, order.orderId())
                .append(CustomerSummaryFields.CUSTOMER_ID, order.customerId())
                .append(CustomerSummaryFields.CURRENCY, order.currency())
                .append(CustomerSummaryFields.TOTAL_CENTS, order.totalCents())
                .append(CustomerSummaryFields.CREATED_AT, order.createdAt())
                .append(CustomerSummaryFields.STATUS, order.status().name())
                .append(VersionedStore.VERSION, order.version());
        if (pending != null) {
            document.append(CustomerSummaryFields.PENDING, pending.toDocument());
        }
        return document;
    }

    static Contribution from(Document document) {
        Document pending = document.get(CustomerSummaryFields.PENDING, Document.class);
        return new Contribution(OrderFacts.from(document), pending == null ? null : PendingMove.from(pending));
    }
}
