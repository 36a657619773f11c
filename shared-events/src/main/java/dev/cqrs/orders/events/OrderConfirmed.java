package dev.cqrs.orders.events;

import java.util.UUID;

/** A created order was confirmed. */
@EventType(name = "OrderConfirmed", version = 1)
public record OrderConfirmed(UUID orderId) implements OrderEvent {

    public OrderConfirmed {
        Require.notNull(orderId, "orderId");
    }
}
