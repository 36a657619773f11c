package dev.cqrs.orders.query.customersummary;

import java.util.Date;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;

/** One order as the customer summary counts it: who placed it, its amount, when, and its status at {@code version}. */
record OrderFacts(String orderId, String customerId, String currency, long totalCents, Date createdAt,
                  OrderStatus status, long version) {

    /** Whether it counts towards the lifetime totals: every order that is not cancelled. */
    boolean counted() {
        return status != OrderStatus.CANCELLED;
    }

    static OrderFacts from(Document facts) {
        return new OrderFacts(
                facts.getString(VersionedStore.ID),
                facts.getString(CustomerSummaryFields.CUSTOMER_ID),
                facts.getString(CustomerSummaryFields.CURRENCY),
                ((Number) facts.get(CustomerSummaryFields.TOTAL_CENTS)).longValue(),
                facts.getDate(CustomerSummaryFields.CREATED_AT),
                OrderStatus.valueOf(facts.getString(CustomerSummaryFields.STATUS)),
                ((Number) facts.get(VersionedStore.VERSION)).longValue());
    }
}
