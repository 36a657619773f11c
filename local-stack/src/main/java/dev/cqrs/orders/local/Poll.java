package dev.cqrs.orders.local;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: the one waiting loop of the launcher. */
final class Poll {

    private Poll() {
    }

    /** Waits until {@code condition} is true; the timeout message comes from {@code onTimeout}. */
    static void until(Duration timeout, Duration interval, BooleanSupplier condition, Supplier<String> onTimeout)
            throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new TimeoutException(onTimeout.get());
            }
            pause(interval);
        }
    }

    /** Parks the current thread for about {@code interval}; an interrupt ends the wait with an exception. */
    static void pause(Duration interval) {
        LockSupport.parkNanos(interval.toNanos());
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while waiting");
        }
    }
}
