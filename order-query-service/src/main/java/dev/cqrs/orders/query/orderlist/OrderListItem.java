package dev.cqrs.orders.query.orderlist;

import java.time.Instant;
import java.util.UUID;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One order in a list: amounts in minor units of {@code currency}, {@code itemCount} is the number of units
 * ordered (the sum of the line quantities), timestamps have millisecond precision. Its schema keeps the published
 * name {@code OrderSummary}, so that clients generated from the OpenAPI description keep compiling.
 */
@Schema(name = "OrderSummary")
public record OrderListItem(
        UUID orderId,
        String customerId,
        OrderStatus status,
        long totalCents,
        String currency,
        long itemCount,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
