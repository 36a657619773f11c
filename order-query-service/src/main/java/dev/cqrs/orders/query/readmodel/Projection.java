package dev.cqrs.orders.query.readmodel;

import dev.cqrs.orders.events.EventEnvelope;

/**
 * Builds one read model from the order events. Implementations must be idempotent and order-safe in the
 * write itself (use {@link VersionedWriter}): the topic delivers at least once, and replays deliver old events.
 */
public interface Projection {

    /** A short, stable name for logs and the {@code readModel} metric tag, e.g. {@code order-view}. */
    String readModel();

    /**
     * Applies one event.
     *
     * @return whether the event changed the read model or was a duplicate or stale delivery
     * @throws VersionGapException when an earlier event of the same order has not been applied yet
     */
    ApplyOutcome apply(EventEnvelope envelope);
}
