package dev.cqrs.orders.e2e.chaos;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Spaces the clients' requests evenly to at most {@code perSecond} in all (0: no limit). */
final class RateLimit {

    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);

    RateLimit(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1e9 / perSecond);
    }

    /** How long the caller should wait before its next request. */
    Duration reserve() {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        long now = System.nanoTime();
        long slot = nextSlot.getAndUpdate(next -> Math.max(next, now) + intervalNanos);
        return Duration.ofNanos(Math.max(0, Math.max(slot, now) - now));
    }
}
