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
        return changeOrder(orderId, ExpectedVersion.ANY, change);
    }

    /**
     * Loads one order, checks that it is at an expected version, applies the change and stores it. A precondition
     * that held at the load but lost the race to a concurrent command fails too: the client's version is gone.
     */
    default OrderRef changeOrder(UUID orderId, ExpectedVersion expected, Consumer<Order> change) {
        return changeOrder(orderId, expected, Actor.STAFF, change);
    }

    /** {@link #changeOrder(UUID, ExpectedVersion, Consumer)} for an actor who may change only some orders. */
    default OrderRef changeOrder(UUID orderId, ExpectedVersion expected, Actor actor, Consumer<Order> change) {
        try {
            return execute(orders -> {
                Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
                actor.check(order);
                expected.check(order);
                change.accept(order);
                orders.update(order);
                return new OrderRef(order.id(), order.version());
            });
        } catch (ConcurrencyConflictException e) {
            if (expected.any()) {
                throw e;
            }
            throw PreconditionFailedException.movedOn(orderId, expected);
        }
    }
}
