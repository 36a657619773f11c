package dev.cqrs.orders.command.order;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One atomic change: everything done through the given {@link Orders}, state and outbox rows alike, commits
 * together or not at all.
 */
public interface UnitOfWork {

    <T> T execute(Function<Orders, T> work);

    /** Loads one order, applies the change and stores it, answering its id and new version. */
    default OrderRef changeOrder(UUID orderId, Consumer<Order> change) {
        return execute(orders -> {
            Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            change.accept(order);
            orders.update(order);
            return new OrderRef(order.id(), order.version());
        });
    }
}
