package dev.cqrs.orders.qa.load;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.cqrs.orders.qa.config.Daemons;

/**
 * Paces the load and the faults (a client's think time, a component's downtime, the gap between faults) on a
 * scheduled executor. Never used to wait for an outcome: that is what Awaitility is for.
 */
public final class Pacer implements AutoCloseable {

    private final ScheduledExecutorService clock = Daemons.scheduler("qa-pacer-");

    /** Returns after {@code pause}, or at once for zero. */
    public void pause(Duration pause) {
        if (pause.isZero() || pause.isNegative()) {
            return;
        }
        try {
            clock.schedule(() -> { }, pause.toNanos(), TimeUnit.NANOSECONDS).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing", e);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
