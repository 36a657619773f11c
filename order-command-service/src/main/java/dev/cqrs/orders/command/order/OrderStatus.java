package dev.cqrs.orders.command.order;

import java.util.EnumSet;
import java.util.Set;

/** The Order state machine: CREATED → CONFIRMED → SHIPPED, and CREATED or CONFIRMED → CANCELLED. */
public enum OrderStatus {
    CREATED, CONFIRMED, SHIPPED, CANCELLED;

    /** Whether the machine allows moving from this state to {@code next}. */
    boolean allows(OrderStatus next) {
        return successors().contains(next);
    }

    private Set<OrderStatus> successors() {
        switch (this) {
            case CREATED:
                return EnumSet.of(CONFIRMED, CANCELLED);
            case CONFIRMED:
                return EnumSet.of(SHIPPED, CANCELLED);
            default:
                return EnumSet.noneOf(OrderStatus.class);
        }
    }
}
