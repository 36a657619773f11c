package dev.cqrs.orders.query.orderview;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The requests waiting for one order, and what is known of its view. All of them share one read: a wake-up, a
 * fallback re-read or a new request's first read answers every waiter it satisfies, so readers cost the store one
 * read per order and event, however many requests wait.
 */
final class WaitingOrder {

    final UUID orderId;
    final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    /** Set while a read is queued and not started: a wake-up during a read queues the next one, none is lost. */
    final AtomicBoolean readQueued = new AtomicBoolean();
    private volatile Optional<OrderView> lastView = Optional.empty();
    /** The fallback re-read's current interval; it doubles after each re-read that found nothing new. */
    volatile long recheckMillis;
    volatile ScheduledFuture<?> recheck;

    WaitingOrder(UUID orderId, long firstRecheckMillis) {
        this.orderId = orderId;
        this.recheckMillis = firstRecheckMillis;
    }

    /** Remembers the view read and answers every waiter it satisfies, and those that asked for one read only. */
    void observe(Optional<OrderView> view) {
        lastView = view;
        for (Waiter waiter : waiters) {
            waiter.read = true;
            if (waiter.answersAtFirstRead || waiter.reachedBy(view)) {
                waiter.complete(view);
            }
        }
    }

    /** A read failed: waiters that never had a read of their own get the failure, the others keep waiting. */
    void failUnread(RuntimeException failure) {
        for (Waiter waiter : waiters) {
            if (!waiter.read) {
                waiter.future.completeExceptionally(failure);
            }
        }
    }

    /** The view as last read: what a request gets at its deadline, with no read of its own. */
    Optional<OrderView> lastView() {
        return lastView;
    }

    boolean anyWaitsFor(long appliedVersion) {
        return waiters.stream().anyMatch(waiter -> waiter.query.minVersion() <= appliedVersion);
    }

    void cancelRecheck() {
        ScheduledFuture<?> scheduled = recheck;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
