package dev.cqrs.orders.query.customersummary;

import java.util.Optional;

import org.bson.Document;

/**
 * The customer summaries: per customer, counters (orders by status, non-cancelled totals per currency, last order
 * time) and a ledger saying, for each order, which version and status the counters count. Moving one order's
 * contribution is a single conditional write on the ledger entry, so a duplicate or stale move matches nothing.
 */
interface CustomerSummaryStore {

    /** What the customer's summary counts for this order, if it counts it at all. */
    Optional<CountedOrder> counted(String customerId, String orderId);

    /**
     * In one atomic write, only if the summary still counts the order as {@code before} (or not at all, when null):
     * takes {@code before}'s contribution out of the counters, puts {@code order}'s in, and records {@code order}'s
     * version and status in the ledger. Creates the summary for a customer's first order.
     *
     * @return false when the ledger entry was not {@code before} any more; nothing changed then
     */
    boolean recount(OrderFacts order, CountedOrder before);

    /** The whole summary document of a customer, ledger included. */
    Optional<Document> find(String customerId);
}
