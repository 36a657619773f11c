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

    /**
     * Claims an idempotency key for a new order. Answers the order created earlier with the same key and the same
     * fingerprint, or empty when the key is new and now belongs to {@code orderId}; a key reused with another
     * request throws {@link IdempotencyKeyReusedException}. A concurrent claim of the same key waits for the first.
     */
    Optional<UUID> claimIdempotencyKey(String key, String fingerprint, UUID orderId);
}
