package dev.cqrs.orders.query.customersummary;

import java.time.Instant;
import java.util.Map;

import dev.cqrs.orders.query.readmodel.OrderStatus;

/**
 * One customer's orders at a glance, as {@code GET /customers/{customerId}/summary} returns it.
 *
 * @param orderCount         every order the customer placed, in any status
 * @param ordersByStatus     the number of orders in each status; every status is present
 * @param lifetimeTotalCents per ISO currency, the sum of the totals of the orders that are not cancelled, in minor units
 * @param lastOrderAt        when the customer's most recent order was placed (millisecond precision)
 */
public record CustomerSummary(
        String customerId,
        long orderCount,
        Map<OrderStatus, Long> ordersByStatus,
        Map<String, Long> lifetimeTotalCents,
        Instant lastOrderAt) {
}
