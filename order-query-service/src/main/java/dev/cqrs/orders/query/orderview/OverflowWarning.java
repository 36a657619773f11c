package dev.cqrs.orders.query.orderview;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Says "too many readers are waiting" at most once per interval, with how many were answered at once since it last
 * said it. A line per request was 2,493 WARN lines in 30 s at 300 orders/s: logging took CPU from a service that was
 * already past what it sustains.
 */
final class OverflowWarning {

    private final Logger log;
    private final int maxWaiting;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextAllowed;

    OverflowWarning(Logger log, int maxWaiting, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.maxWaiting = maxWaiting;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextAllowed = new AtomicLong(nanoTime.getAsLong());
    }

    /** Counts one request answered at once; logs the count when the interval since the last line has passed. */
    void overflowed() {
        unreported.incrementAndGet();
        long now = nanoTime.getAsLong();
        long allowed = nextAllowed.get();
        if (now - allowed >= 0 && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            log.warn("{} requests are already waiting for read-your-writes (orders.query.read-your-writes.max-waiting):"
                    + " {} more answered at once with what the view has, stale, since the last such line. The read side"
                    + " is past what it sustains; see docs/read-your-writes.md", maxWaiting, unreported.getAndSet(0));
        }
    }
}
