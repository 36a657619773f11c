package dev.cqrs.orders.qa.readside;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cqrs.orders.qa.ledger.OrderStatus;

/** The query side as the reconciliation reads it. */
public interface ReadSide {

    /** One order line as the view shows it. */
    record Line(String sku, int quantity, long unitPriceCents) {
    }

    /** {@code GET /orders/{id}}. */
    record View(String orderId, String customerId, OrderStatus status, long version, long totalCents, String currency,
                List<Line> items, String cancellationReason) {
    }

    /** One entry of {@code GET /orders?customerId=...}. */
    record Summary(String orderId, OrderStatus status, long version, long totalCents, String currency) {
    }

    /** {@code GET /customers/{id}/summary}: orders by status, and per currency the total of those not cancelled. */
    record CustomerSummary(String customerId, long orderCount, Map<OrderStatus, Long> ordersByStatus,
                           Map<String, Long> lifetimeTotalCents) {

        public CustomerSummary {
            ordersByStatus = Map.copyOf(ordersByStatus);
            lifetimeTotalCents = Map.copyOf(lifetimeTotalCents);
        }
    }

    /** The view, or empty while the order is unknown (404); fails on anything else. */
    Optional<View> view(String orderId);

    /** Every entry of the customer's listing (of one status, unless null), following the cursor to the end. */
    List<Summary> list(String customerId, OrderStatus status);

    /** The customer's summary, or empty while the customer has no order on the read side (404); fails on anything else. */
    Optional<CustomerSummary> summary(String customerId);
}
