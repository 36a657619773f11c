package dev.cqrs.orders.query.intake;

import dev.cqrs.orders.events.EventEnvelope;

/**
 * Asked before a live read model applies an event (from the topic or a dead-letter replay); throwing fails that
 * application exactly as a failing projection would. Only the fault switch of chaos drills implements it.
 */
public interface ProjectionGuard {

    void beforeApply(String readModel, EventEnvelope envelope);
}
