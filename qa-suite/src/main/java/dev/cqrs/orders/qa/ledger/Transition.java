package dev.cqrs.orders.qa.ledger;

import java.util.List;

/** The commands that move an order on, with the state machine of the command side. */
public enum Transition {
    CONFIRM("confirm", List.of(OrderStatus.CREATED), OrderStatus.CONFIRMED),
    SHIP("ship", List.of(OrderStatus.CONFIRMED), OrderStatus.SHIPPED),
    CANCEL("cancel", List.of(OrderStatus.CREATED, OrderStatus.CONFIRMED), OrderStatus.CANCELLED);

    private final String path;
    private final List<OrderStatus> from;
    private final OrderStatus to;

    Transition(String path, List<OrderStatus> from, OrderStatus to) {
        this.path = path;
        this.from = from;
        this.to = to;
    }

    /** The last segment of {@code POST /orders/{id}/<path>}. */
    public String path() {
        return path;
    }

    public boolean allowedFrom(OrderStatus status) {
        return from.contains(status);
    }

    public OrderStatus target() {
        return to;
    }
}
