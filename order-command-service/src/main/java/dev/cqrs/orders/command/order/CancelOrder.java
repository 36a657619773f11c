package dev.cqrs.orders.command.order;

import java.util.UUID;

/** Cancel an order that has not shipped, saying why, if it is still at an expected version. */
public record CancelOrder(UUID orderId, String reason, ExpectedVersion expected) implements Command<OrderRef> {

    static final int MAX_REASON_LENGTH = 500;

    public CancelOrder {
        Check.notNull(orderId, "orderId");
        Check.notBlank(reason, "reason", MAX_REASON_LENGTH);
        Check.notNull(expected, "expected");
    }

    public CancelOrder(UUID orderId, String reason) {
        this(orderId, reason, ExpectedVersion.ANY);
    }
}
