package dev.cqrs.orders.events;

import java.util.UUID;

/** A confirmed order was shipped; no transition leaves this state. */
@EventType(name = "OrderShipped", version = 1)
public record OrderShipped(UUID orderId) implements OrderEvent {

    public OrderShipped {
        Require.notNull(orderId, "orderId");
    }
}
