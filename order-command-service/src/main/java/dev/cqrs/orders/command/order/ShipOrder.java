package dev.cqrs.orders.command.order;

import java.util.UUID;

/** Ship a confirmed order, if it is still at an expected version. */
public record ShipOrder(UUID orderId, ExpectedVersion expected) implements Command<OrderRef> {

    public ShipOrder {
        Check.notNull(orderId, "orderId");
        Check.notNull(expected, "expected");
    }

    public ShipOrder(UUID orderId) {
        this(orderId, ExpectedVersion.ANY);
    }
}
