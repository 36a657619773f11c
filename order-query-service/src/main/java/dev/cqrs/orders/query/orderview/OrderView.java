package dev.cqrs.orders.query.orderview;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.query.readmodel.OrderStatus;

/**
 * One order as {@code GET /orders/{id}} returns it. Amounts are in minor units of {@code currency}:
 * {@code totalCents} is what the customer pays, the line totals minus {@code discountCents}. Timestamps have
 * millisecond precision; {@code version} is the number of events applied and also the ETag.
 */
public record OrderView(
        UUID orderId,
        String customerId,
        OrderStatus status,
        List<OrderViewItem> items,
        long discountCents,
        long totalCents,
        String currency,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String cancellationReason) {
}
