package dev.cqrs.orders.qa.faults;

import java.util.Set;

/** The {@code none} driver: consistency under load only. */
public final class NoFaults implements FaultDriver {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Set<FaultKind> kinds() {
        return Set.of();
    }

    @Override
    public String kill(Part part) {
        throw new UnsupportedOperationException("the none driver injects no faults");
    }

    @Override
    public String stop(Part part) {
        throw new UnsupportedOperationException("the none driver injects no faults");
    }

    @Override
    public String recover(Part part) {
        throw new UnsupportedOperationException("the none driver injects no faults");
    }

    @Override
    public boolean holdsStoppedParts() {
        return false;
    }

    @Override
    public String ensureAllRunning() {
        return null;
    }
}
