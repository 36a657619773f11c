package dev.cqrs.orders.command.order;

import java.util.UUID;

/** Ship a confirmed order. */
public record ShipOrder(UUID orderId) implements Command<OrderRef> {

    public ShipOrder {
        Check.notNull(orderId, "orderId");
    }
}
