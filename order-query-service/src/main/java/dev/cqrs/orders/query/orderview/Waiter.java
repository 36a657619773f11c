package dev.cqrs.orders.query.orderview;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One request waiting for an order to reach a version; its answer is a future, not a thread. */
final class Waiter {

    final GetOrder query;
    final CompletableFuture<AwaitedView> future = new CompletableFuture<>();
    private final long startedNanos;
    volatile ScheduledFuture<?> deadline;

    Waiter(GetOrder query, long startedNanos) {
        this.query = query;
        this.startedNanos = startedNanos;
    }

    boolean reachedBy(Optional<OrderView> view) {
        return view.map(found -> found.version() >= query.minVersion()).orElse(false);
    }

    AwaitedView answer(Optional<OrderView> view) {
        return new AwaitedView(view, reachedBy(view), Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** Completes with the view; a deadline answers only if nothing answered first. */
    void complete(Optional<OrderView> view, boolean onlyIfReached) {
        if (!onlyIfReached || reachedBy(view)) {
            future.complete(answer(view));
        }
    }

    void cancelDeadline() {
        ScheduledFuture<?> scheduled = deadline;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
