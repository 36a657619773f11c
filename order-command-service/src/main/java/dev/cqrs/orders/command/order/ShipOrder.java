package dev.cqrs.orders.command.order;

import java.util.UUID;

/** Ship a confirmed order, if it is still at an expected version and the actor may change it. */
public record ShipOrder(UUID orderId, ExpectedVersion expected, Actor actor) implements Command<OrderRef> {

    public ShipOrder {
        Check.notNull(orderId, "orderId");
        Check.notNull(expected, "expected");
        Check.notNull(actor, "actor");
    }

    public ShipOrder(UUID orderId) {
        this(orderId, ExpectedVersion.ANY, Actor.STAFF);
    }

    public ShipOrder(UUID orderId, ExpectedVersion expected) {
        this(orderId, expected, Actor.STAFF);
    }
}
