package dev.cqrs.orders.command.order;

/** An Idempotency-Key came back with a different request: answered with 422, nothing is created. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request; use a new key for a new order");
    }
}
