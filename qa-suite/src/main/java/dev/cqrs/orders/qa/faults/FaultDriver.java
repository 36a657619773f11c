package dev.cqrs.orders.qa.faults;

import java.util.Set;

/**
 * Kills, stops and brings back the parts of one kind of deployment: a system the suite started itself, a
 * {@code ./run local} found through its data directory, or a Kubernetes namespace. The {@link FaultInjector}
 * decides what to do when; a driver only knows how. Every method answers a line for the report.
 */
public interface FaultDriver extends AutoCloseable {

    /** As named on the command line. */
    String name();

    /** The fault kinds it can inject; the plan uses only these. */
    Set<FaultKind> kinds();

    /**
     * Ends one process of the part at once, as a crash does: kill -9 of a service or of the server process (for
     * PostgreSQL its postmaster), or a forced pod deletion. Returns when the signal is sent, not when it is back.
     */
    String kill(Part part);

    /** Stops the part cleanly (SIGTERM, or a rolling restart); returns when it is down or its restart has begun. */
    String stop(Part part);

    /** After {@link #kill} or {@link #stop}: waits until the part runs and is ready again, starting it if that is its job. */
    String recover(Part part);

    /** Whether a stopped part stays down until {@link #recover} (so a downtime can be held), or comes back by itself. */
    boolean holdsStoppedParts();

    /** Brings back anything that is not running after a fault went wrong; null when all ran, else what it did. */
    String ensureAllRunning();

    @Override
    default void close() {
    }
}
