package dev.cqrs.orders.events;

import java.util.UUID;

/** A created or confirmed order was cancelled, for the reason given. */
@EventType(name = "OrderCancelled", version = 1)
public record OrderCancelled(UUID orderId, String reason) implements OrderEvent {

    public static final int MAX_REASON_LENGTH = 500;

    public OrderCancelled {
        Require.notNull(orderId, "orderId");
        Require.notBlank(reason, "reason", MAX_REASON_LENGTH);
    }
}
