package dev.cqrs.orders.query.faults;

import dev.cqrs.orders.events.EventEnvelope;

/** Thrown instead of applying an event while a fault is injected for its read model and order. */
class InjectedFaultException extends IllegalStateException {

    InjectedFaultException(Fault fault, EventEnvelope envelope) {
        super("injected fault: read model " + fault.readModel() + " refuses " + envelope.eventType() + " v"
                + envelope.aggregateVersion() + " of order " + fault.orderId()
                + " (QUERY_FAULTS_ENABLED drill; clear it with DELETE /admin/faults/" + fault.readModel() + "/"
                + fault.orderId() + ")");
    }
}
