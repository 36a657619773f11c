package dev.cqrs.orders.command.order;

import java.util.UUID;

/** Confirm a created order, if it is still at an expected version. */
public record ConfirmOrder(UUID orderId, ExpectedVersion expected) implements Command<OrderRef> {

    public ConfirmOrder {
        Check.notNull(orderId, "orderId");
        Check.notNull(expected, "expected");
    }

    public ConfirmOrder(UUID orderId) {
        this(orderId, ExpectedVersion.ANY);
    }
}
