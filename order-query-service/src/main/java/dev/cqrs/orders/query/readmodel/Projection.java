package dev.cqrs.orders.query.readmodel;

import java.util.ArrayList;
import java.util.List;

import dev.cqrs.orders.events.EventEnvelope;

/**
 * Builds one read model from the order events. Implementations must be idempotent and order-safe in the
 * write itself (use {@link VersionedWriter}): the topic delivers at least once, and replays deliver old events.
 */
public interface Projection {

    /** The {@link ReadModel#name()} of the read model it builds, which it takes from there: logs and metric tags. */
    String readModel();

    /**
     * Applies one event.
     *
     * @return whether the event changed the read model or was a duplicate or stale delivery
     * @throws VersionGapException when an earlier event of the same order has not been applied yet
     */
    ApplyOutcome apply(EventEnvelope envelope);

    /**
     * Applies a batch of events in list order (which keeps each order's events in their order), with the outcome
     * {@link #apply} would give each. Projections override it to write a batch in a few round trips. On any exception
     * some of the events may have been applied: the caller then applies them one by one with {@link #apply}, to which
     * those are duplicates, so that the failing event is found and handled alone.
     */
    default List<ApplyOutcome> applyAll(List<EventEnvelope> envelopes) {
        List<ApplyOutcome> outcomes = new ArrayList<>(envelopes.size());
        for (EventEnvelope envelope : envelopes) {
            outcomes.add(apply(envelope));
        }
        return outcomes;
    }
}
