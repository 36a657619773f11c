package dev.cqrs.orders.command.order;

import java.util.UUID;

/** Confirm a created order. */
public record ConfirmOrder(UUID orderId) implements Command<OrderRef> {

    public ConfirmOrder {
        Check.notNull(orderId, "orderId");
    }
}
