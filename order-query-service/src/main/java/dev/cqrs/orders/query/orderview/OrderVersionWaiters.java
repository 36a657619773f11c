package dev.cqrs.orders.query.orderview;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks requests for "order X at version N or later" without a thread each: a waiting request is a future (the
 * servlet thread went back to the pool through Spring MVC async), grouped with the others waiting for the same order.
 * They are answered by the order view's listener applying version N here ({@link #applied}: one read per order, off
 * the listener's thread), by a fallback re-read for orders whose partition another replica consumes (per order,
 * backing off from {@code recheck-interval} to {@code recheck-max-interval}, and all of them together capped at
 * {@code max-rechecks-per-second}), or by their deadline, which answers with the view as last read and no read of its
 * own. So waiting readers cost the store at most a read per event plus a fixed rate, however many wait and however
 * far behind the read model is, and no deadline ever queues behind a read.
 */
final class OrderVersionWaiters {

    static final String WAITING_METRIC = "orders.read_your_writes.waiting";
    static final String READS_METRIC = "orders.read_your_writes.reads";
    static final String ANSWERS_METRIC = "orders.read_your_writes.answers";

    private static final Logger log = LoggerFactory.getLogger(OrderVersionWaiters.class);

    private final GetOrderHandler reader;
    /** Timing only: deadlines and re-read ticks; it never reads, so a slow store cannot make a deadline late. */
    private final ScheduledExecutorService timer;
    private final ExecutorService readers;
    private final ReadYourWritesProperties properties;
    private final RecheckBudget budget;
    private final Map<UUID, WaitingOrder> orders = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Counter firstReads;
    private final Counter wokenReads;
    private final Counter fallbackReads;
    private final Counter refusedRechecks;
    private final Counter reached;
    private final Counter stale;
    private final Counter overflow;

    OrderVersionWaiters(GetOrderHandler reader, ScheduledExecutorService timer, ExecutorService readers,
                        ReadYourWritesProperties properties, MeterRegistry registry) {
        this.reader = reader;
        this.timer = timer;
        this.readers = readers;
        this.properties = properties;
        this.budget = new RecheckBudget(properties.maxRechecksPerSecond(), System::nanoTime);
        Gauge.builder(WAITING_METRIC, count, AtomicInteger::get)
                .description("Requests waiting for a version of an order (read-your-writes)").register(registry);
        firstReads = counter(registry, READS_METRIC, "reason", "request");
        wokenReads = counter(registry, READS_METRIC, "reason", "applied");
        fallbackReads = counter(registry, READS_METRIC, "reason", "recheck");
        refusedRechecks = counter(registry, READS_METRIC, "reason", "recheck-over-budget");
        reached = counter(registry, ANSWERS_METRIC, "outcome", "reached");
        stale = counter(registry, ANSWERS_METRIC, "outcome", "deadline");
        overflow = counter(registry, ANSWERS_METRIC, "outcome", "too-many-waiting");
    }

    /** The production wiring: one timer thread, {@code threads} reading threads, all daemons. */
    static OrderVersionWaiters create(GetOrderHandler reader, ReadYourWritesProperties properties, MeterRegistry registry) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("read-your-writes-timer"));
        timer.setRemoveOnCancelPolicy(true); // most waits end before their deadline
        return new OrderVersionWaiters(reader, timer,
                Executors.newFixedThreadPool(properties.threads(), daemons("read-your-writes-read")), properties, registry);
    }

    /** The view once it reaches {@code query.minVersion()}, or as last read when {@code query.maxWait()} has passed. */
    CompletableFuture<AwaitedView> await(GetOrder query) {
        Waiter waiter = new Waiter(query, System.nanoTime());
        if (count.incrementAndGet() > properties.maxWaiting()) {
            count.decrementAndGet();
            overflow.increment();
            log.warn("{} requests are already waiting for read-your-writes (orders.query.read-your-writes.max-waiting); "
                    + "answering order {} at once with what the view has", properties.maxWaiting(), query.orderId());
            return CompletableFuture.completedFuture(waiter.answer(reader.handle(new GetOrder(query.orderId()))));
        }
        // Registered before the first read, so that an apply between that read and the registration is not missed.
        WaitingOrder order = orders.compute(query.orderId(), (id, existing) -> {
            WaitingOrder waiting = existing != null ? existing : new WaitingOrder(id, properties.recheckInterval().toMillis());
            waiting.waiters.add(waiter);
            return waiting;
        });
        waiter.future.whenComplete((answer, failure) -> release(order, waiter, answer));
        try {
            firstReads.increment();
            order.observe(reader.handle(new GetOrder(query.orderId())));
        } catch (RuntimeException e) {
            waiter.future.completeExceptionally(e);
            return waiter.future;
        }
        if (!waiter.future.isDone()) {
            waiter.deadline = timer.schedule(() -> waiter.complete(order.lastView(), false), query.maxWait().toMillis(),
                    TimeUnit.MILLISECONDS);
            if (waiter.future.isDone()) {
                waiter.cancelDeadline(); // answered while the deadline was being scheduled
            }
            scheduleRecheck(order);
        }
        return waiter.future;
    }

    /** Called by the order view's listener after it applied {@code version} of an order; never blocks it. */
    void applied(UUID orderId, long version) {
        WaitingOrder order = orders.get(orderId);
        if (order != null && order.anyWaitsFor(version)) {
            queueRead(order, wokenReads);
        }
    }

    /** Stops the threads; requests still waiting are answered by the servlet container's async timeout. */
    void close() {
        timer.shutdownNow();
        readers.shutdownNow();
    }

    /** Requests waiting right now. */
    int waiting() {
        return count.get();
    }

    private void scheduleRecheck(WaitingOrder order) {
        synchronized (order) {
            if (order.recheck == null && orders.get(order.orderId) == order) {
                order.recheck = timer.schedule(() -> recheck(order), order.recheckMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void recheck(WaitingOrder order) {
        synchronized (order) {
            order.recheck = null;
        }
        if (orders.get(order.orderId) != order) {
            return; // every waiter was answered
        }
        if (budget.tryAcquire()) {
            queueRead(order, fallbackReads);
            order.recheckMillis = Math.min(order.recheckMillis * 2, properties.recheckMaxInterval().toMillis());
        } else {
            refusedRechecks.increment();
        }
        scheduleRecheck(order);
    }

    private void queueRead(WaitingOrder order, Counter reason) {
        if (!order.readQueued.compareAndSet(false, true)) {
            return; // the read already queued will see this version too
        }
        reason.increment();
        try {
            readers.execute(() -> {
                order.readQueued.set(false);
                try {
                    order.observe(reader.handle(new GetOrder(order.orderId)));
                } catch (RuntimeException e) {
                    log.debug("Re-reading order {} for waiting requests failed ({}); the next wake-up or re-check tries "
                            + "again", order.orderId, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            order.readQueued.set(false); // shutting down
        }
    }

    private void release(WaitingOrder order, Waiter waiter, AwaitedView answer) {
        waiter.cancelDeadline();
        orders.computeIfPresent(order.orderId, (id, waiting) -> {
            waiting.waiters.remove(waiter);
            if (waiting.waiters.isEmpty()) {
                waiting.cancelRecheck();
                return null;
            }
            return waiting;
        });
        count.decrementAndGet();
        if (answer != null) {
            (answer.reached() ? reached : stale).increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String tag, String value) {
        return Counter.builder(name).tag(tag, value).register(registry);
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** For tests: the view a deadline would answer with right now. */
    Optional<OrderView> lastView(UUID orderId) {
        WaitingOrder order = orders.get(orderId);
        return order == null ? Optional.empty() : order.lastView();
    }
}
