package dev.cqrs.orders.query.orderview;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks requests for "order X at version N or later" without holding a thread each. A waiting request is a
 * {@link CompletableFuture} in a map keyed by order id (the servlet thread went back to the pool through Spring MVC
 * async). It is completed by whichever comes first: the order view's listener in this replica applying version N
 * ({@link #applied}), a low-frequency re-read every {@code recheck-interval} (the only signal when another replica
 * consumes the order's partition), or the deadline, which answers with what the view has. All re-reads run on one
 * small shared scheduler; nothing polls in a tight loop.
 */
final class OrderVersionWaiters {

    private static final Logger log = LoggerFactory.getLogger(OrderVersionWaiters.class);

    private final GetOrderHandler reader;
    private final ScheduledExecutorService scheduler;
    private final ReadYourWritesProperties properties;
    private final Map<UUID, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    OrderVersionWaiters(GetOrderHandler reader, ScheduledExecutorService scheduler, ReadYourWritesProperties properties) {
        this.reader = reader;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /** A scheduler whose cancelled timers are removed at once, since most waits end before their deadline. */
    static ScheduledExecutorService scheduler(int threads) {
        AtomicInteger number = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, task -> {
            Thread thread = new Thread(task, "read-your-writes-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** The view once it reaches {@code query.minVersion()}, or as it is when {@code query.maxWait()} has passed. */
    CompletableFuture<AwaitedView> await(GetOrder query) {
        Waiter waiter = new Waiter(query, System.nanoTime());
        if (count.incrementAndGet() > properties.maxWaiting()) {
            count.decrementAndGet();
            log.warn("{} requests are already waiting for read-your-writes (orders.query.read-your-writes.max-waiting); "
                    + "answering order {} at once with what the view has", properties.maxWaiting(), query.orderId());
            return CompletableFuture.completedFuture(waiter.answer(reader.handle(new GetOrder(query.orderId()))));
        }
        // Registered before the first read, so that an apply between that read and the registration is not missed.
        waiting.compute(query.orderId(), (id, set) -> {
            Set<Waiter> waiters = set == null ? ConcurrentHashMap.newKeySet() : set;
            waiters.add(waiter);
            return waiters;
        });
        waiter.future.whenComplete((answer, failure) -> release(waiter));
        try {
            check(waiter, false);
        } catch (RuntimeException e) {
            waiter.future.completeExceptionally(e);
            return waiter.future;
        }
        if (!waiter.future.isDone()) {
            long recheck = properties.recheckInterval().toMillis();
            waiter.recheck = scheduler.scheduleWithFixedDelay(() -> quietly(waiter, false), recheck, recheck,
                    TimeUnit.MILLISECONDS);
            waiter.deadline = scheduler.schedule(() -> quietly(waiter, true), query.maxWait().toMillis(),
                    TimeUnit.MILLISECONDS);
            if (waiter.future.isDone()) {
                waiter.cancelTimers(); // completed while the timers were being scheduled
            }
        }
        return waiter.future;
    }

    /** Called by the order view's listener after it applied {@code version} of an order. */
    void applied(UUID orderId, long version) {
        Set<Waiter> waiters = waiting.get(orderId);
        if (waiters == null) {
            return;
        }
        for (Waiter waiter : waiters) {
            if (waiter.query.minVersion() <= version) {
                // Re-read on the scheduler: the Kafka listener thread must not do the requests' work.
                scheduler.execute(() -> quietly(waiter, false));
            }
        }
    }

    /** Stops the scheduler; requests still waiting are answered by the servlet container's async timeout. */
    void close() {
        scheduler.shutdownNow();
    }

    /** Requests waiting right now. */
    int waiting() {
        return count.get();
    }

    private void quietly(Waiter waiter, boolean last) {
        try {
            check(waiter, last);
        } catch (RuntimeException e) {
            if (last) {
                waiter.future.completeExceptionally(e);
            } else {
                log.debug("Re-reading order {} for a waiting request failed ({}); trying again at the next re-check",
                        waiter.query.orderId(), e.toString());
            }
        }
    }

    private void check(Waiter waiter, boolean last) {
        if (waiter.future.isDone()) {
            return;
        }
        Optional<OrderView> view = reader.handle(new GetOrder(waiter.query.orderId()));
        AwaitedView answer = waiter.answer(view);
        if (answer.reached() || last) {
            waiter.future.complete(answer);
        }
    }

    private void release(Waiter waiter) {
        waiter.cancelTimers();
        waiting.computeIfPresent(waiter.query.orderId(), (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
        count.decrementAndGet();
    }

    private static final class Waiter {

        final GetOrder query;
        final long startedNanos;
        final CompletableFuture<AwaitedView> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> recheck;
        volatile ScheduledFuture<?> deadline;

        Waiter(GetOrder query, long startedNanos) {
            this.query = query;
            this.startedNanos = startedNanos;
        }

        AwaitedView answer(Optional<OrderView> view) {
            boolean reached = view.map(found -> found.version() >= query.minVersion()).orElse(false);
            return new AwaitedView(view, reached, Duration.ofNanos(System.nanoTime() - startedNanos));
        }

        void cancelTimers() {
            ScheduledFuture<?> r = recheck;
            ScheduledFuture<?> d = deadline;
            if (r != null) {
                r.cancel(false);
            }
            if (d != null) {
                d.cancel(false);
            }
        }
    }
}
