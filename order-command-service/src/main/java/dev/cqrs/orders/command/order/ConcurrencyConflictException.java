package dev.cqrs.orders.command.order;

import java.util.UUID;

/** Another command changed the order since it was read: answered with 409; the client may re-read and retry. */
public class ConcurrencyConflictException extends RuntimeException {

    public ConcurrencyConflictException(UUID orderId, long expectedVersion) {
        super("order " + orderId + " was changed concurrently (expected version " + expectedVersion + ")");
    }
}
