package dev.cqrs.orders.query.customersummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.cqrs.orders.query.readmodel.ConcurrentBatchChangeException;
import org.bson.Document;

/**
 * The customer summaries: per customer, counters (orders by status, non-cancelled totals per currency, last order
 * time), and per order what the counters count for it: its version and status. Moving one order's contribution is
 * conditional on what was counted before, so a duplicate or stale move changes nothing. No document grows with the
 * number of a customer's orders.
 */
interface CustomerSummaryStore {

    /** What the customer's summary counts for this order, if it counts it at all. */
    Optional<CountedOrder> counted(String customerId, String orderId);

    /**
     * Only if the summary still counts the order as {@code before} (or not at all, when null): takes {@code before}'s
     * contribution out of the counters, puts {@code order}'s in, and records that it counts {@code order}'s version
     * and status. Creates the summary for a customer's first order.
     *
     * @return false when the order was not counted as {@code before} any more; nothing changed then
     */
    boolean recount(OrderFacts order, CountedOrder before);

    /**
     * Brings each order's contribution up to its facts, as {@link #counted} then {@link #recount} would one by one:
     * orders counted at their version (or a newer one) are left alone. Stores override it to do it in a few round
     * trips.
     *
     * @return the orders whose contribution moved, each with the version counted before (0: none)
     * @throws ConcurrentBatchChangeException when another writer moved a contribution between the read and the write;
     *                                        nothing is lost, the caller then applies the events one by one
     */
    default Map<String, Long> recountAll(List<OrderFacts> orders) {
        return recountAll(orders, Set.of());
    }

    /**
     * {@link #recountAll(List)}, told which orders the batch has just created the facts of. The summary cannot count
     * those yet, so a store may skip reading what it counts for them; should it count one after all (a rebuild's
     * generation switched in between), the conditional write of the move fails and it throws as for any racer.
     */
    default Map<String, Long> recountAll(List<OrderFacts> orders, Set<String> uncounted) {
        Map<String, Long> recounted = new LinkedHashMap<>();
        for (OrderFacts order : orders) {
            CountedOrder before = counted(order.customerId(), order.orderId()).orElse(null);
            if (before != null && before.version() >= order.version()) {
                continue;
            }
            if (!recount(order, before)) {
                throw new ConcurrentBatchChangeException("customer-summary: the contribution of order " + order.orderId()
                        + " changed while a batch was counted");
            }
            recounted.put(order.orderId(), before == null ? 0 : before.version());
        }
        return recounted;
    }

    /** The customer's summary as the read API sees it: its id and counters ({@code counts, totals, lastOrderAt}). */
    Optional<Document> find(String customerId);
}
