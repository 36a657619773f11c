package dev.cqrs.orders.query.orderview;

import java.util.function.LongSupplier;

/**
 * A cap on fallback re-reads per second across all waiting orders (a token bucket holding one second's worth), so
 * that however many requests wait and however far the read model is behind, their polling cannot take the store
 * from the projections. A re-read refused now is tried again at the order's next interval.
 */
final class RecheckBudget {

    private final double perSecond;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    RecheckBudget(int perSecond, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.tokens = perSecond;
        this.refilledAt = nanoClock.getAsLong();
    }

    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(perSecond, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
