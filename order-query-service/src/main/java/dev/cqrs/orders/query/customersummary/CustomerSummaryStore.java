package dev.cqrs.orders.query.customersummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cqrs.orders.query.readmodel.ConcurrentBatchChangeException;
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

    /**
     * Brings each order's contribution up to its facts, as {@link #counted} then {@link #recount} would one by one:
     * orders the ledger counts at their version (or a newer one) are left alone. Stores override it to read the ledger
     * entries in one round trip and write in another.
     *
     * @return the orders whose contribution moved, each with the version the ledger counted before (0: none)
     * @throws ConcurrentBatchChangeException when a ledger entry changed between the read and the write; nothing is
     *                                        lost, the caller then applies the events one by one
     */
    default Map<String, Long> recountAll(List<OrderFacts> orders) {
        Map<String, Long> recounted = new LinkedHashMap<>();
        for (OrderFacts order : orders) {
            CountedOrder before = counted(order.customerId(), order.orderId()).orElse(null);
            if (before != null && before.version() >= order.version()) {
                continue;
            }
            if (!recount(order, before)) {
                throw new ConcurrentBatchChangeException("customer-summary: the ledger entry of order " + order.orderId()
                        + " changed while a batch was counted");
            }
            recounted.put(order.orderId(), before == null ? 0 : before.version());
        }
        return recounted;
    }

    /** The whole summary document of a customer, ledger included. */
    Optional<Document> find(String customerId);
}
