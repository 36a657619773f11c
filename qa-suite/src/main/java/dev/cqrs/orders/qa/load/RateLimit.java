package dev.cqrs.orders.qa.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Spaces the clients' requests evenly to at most {@code perSecond} in all (0: no limit). */
public final class RateLimit {

    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);

    public RateLimit(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    RateLimit(double perSecond, LongSupplier clock) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1e9 / perSecond);
        this.clock = clock;
    }

    /** How long the caller should wait before its next request. */
    Duration reserve() {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        long now = clock.getAsLong();
        long slot = nextSlot.getAndUpdate(next -> Math.max(next, now) + intervalNanos);
        return Duration.ofNanos(Math.max(0, Math.max(slot, now) - now));
    }
}
