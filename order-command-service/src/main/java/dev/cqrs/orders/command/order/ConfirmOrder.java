package dev.cqrs.orders.command.order;

import java.util.UUID;

/** Confirm a created order, if it is still at an expected version and the actor may change it. */
public record ConfirmOrder(UUID orderId, ExpectedVersion expected, Actor actor) implements Command<OrderRef> {

    public ConfirmOrder {
        Check.notNull(orderId, "orderId");
        Check.notNull(expected, "expected");
        Check.notNull(actor, "actor");
    }

    public ConfirmOrder(UUID orderId) {
        this(orderId, ExpectedVersion.ANY, Actor.STAFF);
    }

    public ConfirmOrder(UUID orderId, ExpectedVersion expected) {
        this(orderId, expected, Actor.STAFF);
    }
}
