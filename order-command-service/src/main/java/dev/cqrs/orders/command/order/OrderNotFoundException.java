package dev.cqrs.orders.command.order;

import java.util.UUID;

/** No order has this id: answered with 404. */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(UUID orderId) {
        super("order " + orderId + " does not exist");
    }
}
