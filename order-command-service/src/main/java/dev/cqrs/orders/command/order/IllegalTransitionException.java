package dev.cqrs.orders.command.order;

import java.util.UUID;

/** The state machine refuses the command in the order's current state: answered with 409. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(UUID orderId, OrderStatus from, OrderStatus to) {
        super("order " + orderId + " is " + from + " and cannot become " + to);
    }
}
