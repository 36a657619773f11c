package dev.cqrs.orders.query.orderview;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One request waiting for an order to reach a version; its answer is a future, not a thread. */
final class Waiter {

    final GetOrder query;
    final CompletableFuture<AwaitedView> future = new CompletableFuture<>();
    /** Past the limit of waiting requests: answered by the first read, whatever version it finds. */
    final boolean answersAtFirstRead;
    private final long startedNanos;
    volatile ScheduledFuture<?> deadline;
    /** Whether any read of the order finished since this request arrived. */
    volatile boolean read;

    Waiter(GetOrder query, long startedNanos, boolean answersAtFirstRead) {
        this.query = query;
        this.startedNanos = startedNanos;
        this.answersAtFirstRead = answersAtFirstRead;
    }

    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    boolean reachedBy(Optional<OrderView> view) {
        return view.map(found -> found.version() >= query.minVersion()).orElse(false);
    }

    AwaitedView answer(Optional<OrderView> view) {
        return new AwaitedView(view, reachedBy(view), Duration.ofNanos(elapsedNanos()));
    }

    /** Completes with the view, unless something answered first. */
    void complete(Optional<OrderView> view) {
        future.complete(answer(view));
    }

    void cancelDeadline() {
        ScheduledFuture<?> scheduled = deadline;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
