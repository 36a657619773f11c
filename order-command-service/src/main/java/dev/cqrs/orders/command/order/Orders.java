package dev.cqrs.orders.command.order;

import java.util.Optional;
import java.util.UUID;

/** The repository of Orders inside one unit of work. Saving an order also appends its pending events to the outbox. */
public interface Orders {

    Optional<Order> find(UUID orderId);

    /** Stores a new order and its events. */
    void add(Order order);

    /**
     * Stores the order's new state and events if the stored version is still {@link Order#loadedVersion()};
     * otherwise throws {@link ConcurrencyConflictException}.
     */
    void update(Order order);
}
