package dev.cqrs.orders.e2e.chaos;

import java.util.List;
import java.util.Optional;

/** The query side as the reconciliation reads it. */
interface ReadSide {

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

    /** The view, or empty while the order is unknown (404); fails on anything else. */
    Optional<View> view(String orderId);

    /** Every entry of the customer's listing (of one status, unless null), following the cursor to the end. */
    List<Summary> list(String customerId, OrderStatus status);
}
