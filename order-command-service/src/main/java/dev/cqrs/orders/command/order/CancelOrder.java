package dev.cqrs.orders.command.order;

import java.util.UUID;

/** Cancel an order that has not shipped, saying why, if it is still at an expected version and the actor may change it. */
public record CancelOrder(UUID orderId, String reason, ExpectedVersion expected, Actor actor) implements Command<OrderRef> {

    static final int MAX_REASON_LENGTH = 500;

    public CancelOrder {
        Check.notNull(orderId, "orderId");
        Check.notBlank(reason, "reason", MAX_REASON_LENGTH);
        Check.notNull(expected, "expected");
        Check.notNull(actor, "actor");
    }

    public CancelOrder(UUID orderId, String reason) {
        this(orderId, reason, ExpectedVersion.ANY, Actor.STAFF);
    }

    public CancelOrder(UUID orderId, String reason, ExpectedVersion expected) {
        this(orderId, reason, expected, Actor.STAFF);
    }
}
