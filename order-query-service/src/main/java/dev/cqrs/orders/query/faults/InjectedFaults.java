package dev.cqrs.orders.query.faults;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.intake.ProjectionGuard;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The faults injected through {@code /admin/faults}: a (read model, order) pair whose projection fails until cleared,
 * as a bug in that projection would. The error handler then retries and dead-letters it like any other failure.
 * Only exists when {@code orders.query.faults.enabled} (QUERY_FAULTS_ENABLED) is true: off, nothing guards the
 * projection path and {@code /admin/faults} answers 404 like any unknown path.
 */
@Component
@ConditionalOnBooleanProperty("orders.query.faults.enabled")
class InjectedFaults implements ProjectionGuard {

    private final Set<Fault> faults = ConcurrentHashMap.newKeySet();

    /** Answers whether the fault is new. */
    boolean inject(Fault fault) {
        return faults.add(fault);
    }

    /** Answers whether the fault was there. */
    boolean clear(Fault fault) {
        return faults.remove(fault);
    }

    Set<Fault> all() {
        return Set.copyOf(faults);
    }

    @Override
    public void beforeApply(String readModel, EventEnvelope envelope) {
        Fault fault = new Fault(readModel, envelope.aggregateId().toString());
        if (faults.contains(fault)) {
            throw new InjectedFaultException(fault, envelope);
        }
    }
}
