package dev.cqrs.orders.query.orderview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks requests for "order X at version N or later" without a thread each: a waiting request is a future (the
 * servlet thread went back to the pool through Spring MVC async), grouped with the others waiting for the same order.
 * Every read runs on this class's own threads, in batches of up to 100 orders per round trip: a new request's first
 * read, and the re-read of an order the order view's listener just applied ({@link #applied}) or that a fallback
 * re-read looks at because another replica consumes its partition (per order, backing off from
 * {@code recheck-interval} to {@code recheck-max-interval}, all together capped at {@code max-rechecks-per-second}).
 * A deadline answers with the view as last read and no read of its own. So waiting readers cost the store at most a
 * read per request and event plus a fixed rate, however many wait and however far behind the read model is; no
 * deadline ever queues behind a read, and no servlet thread waits for the store.
 */
final class OrderVersionWaiters {

    static final String WAITING_METRIC = "orders.read_your_writes.waiting";
    static final String READS_METRIC = "orders.read_your_writes.reads";
    static final String ANSWERS_METRIC = "orders.read_your_writes.answers";
    static final String BATCH_READS_METRIC = "orders.read_your_writes.batch_reads";
    /** How long each parked request waited, from its arrival in the controller to its answer. */
    static final String WAITED_METRIC = "orders.read_your_writes.waited";
    private static final int READ_BATCH = 100;
    /** The longest margin kept before a client's wait ends (see {@link #answerBy}). */
    private static final Duration MAX_MARGIN = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(OrderVersionWaiters.class);

    private final GetOrderHandler reader;
    /** Timing only: deadlines and re-read ticks; it never reads, so a slow store cannot make a deadline late. */
    private final ScheduledExecutorService timer;
    private final ExecutorService readers;
    private final ReadYourWritesProperties properties;
    private final RecheckBudget budget;
    private final Map<UUID, WaitingOrder> orders = new ConcurrentHashMap<>();
    /** Orders to read for their waiters, taken in batches by at most {@code threads} drainers at once. */
    private final Queue<WaitingOrder> toRead = new ConcurrentLinkedQueue<>();
    private final Semaphore drainers;
    private final AtomicInteger count = new AtomicInteger();
    private final Counter firstReads;
    private final Counter wokenReads;
    private final Counter fallbackReads;
    private final Counter refusedRechecks;
    private final Counter reached;
    private final Counter stale;
    private final Counter overflow;
    private final OverflowWarning overflowWarning;
    private final Counter batchReads;
    private final Timer waited;

    OrderVersionWaiters(GetOrderHandler reader, ScheduledExecutorService timer, ExecutorService readers,
                        ReadYourWritesProperties properties, MeterRegistry registry) {
        this.reader = reader;
        this.timer = timer;
        this.readers = readers;
        this.properties = properties;
        this.budget = new RecheckBudget(properties.maxRechecksPerSecond(), System::nanoTime);
        this.drainers = new Semaphore(properties.threads());
        Gauge.builder(WAITING_METRIC, count, AtomicInteger::get)
                .description("Requests waiting for a version of an order (read-your-writes)").register(registry);
        firstReads = counter(registry, READS_METRIC, "reason", "request");
        wokenReads = counter(registry, READS_METRIC, "reason", "applied");
        fallbackReads = counter(registry, READS_METRIC, "reason", "recheck");
        refusedRechecks = counter(registry, READS_METRIC, "reason", "recheck-over-budget");
        reached = counter(registry, ANSWERS_METRIC, "outcome", "reached");
        stale = counter(registry, ANSWERS_METRIC, "outcome", "deadline");
        overflow = counter(registry, ANSWERS_METRIC, "outcome", "too-many-waiting");
        overflowWarning = new OverflowWarning(log, properties.maxWaiting(), Duration.ofSeconds(10), System::nanoTime);
        waited = Timer.builder(WAITED_METRIC).description("How long read-your-writes requests waited for their answer")
                .register(registry);
        batchReads = Counter.builder(BATCH_READS_METRIC)
                .description("Round trips that re-read waiting orders, up to " + READ_BATCH + " orders each").register(registry);
    }

    /** The production wiring: one timer thread, {@code threads} reading threads, all daemons. */
    static OrderVersionWaiters create(GetOrderHandler reader, ReadYourWritesProperties properties, MeterRegistry registry) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("read-your-writes-timer"));
        timer.setRemoveOnCancelPolicy(true); // most waits end before their deadline
        return new OrderVersionWaiters(reader, timer,
                Executors.newFixedThreadPool(properties.threads(), daemons("read-your-writes-read")), properties, registry);
    }

    /**
     * The view once it reaches {@code query.minVersion()}, or as last read when {@code query.maxWait()} has passed. The
     * caller's thread never reads: even the request's first read is queued and batched with the others, so that a
     * slow store holds reading threads, not the servlet threads every other request needs.
     */
    CompletableFuture<AwaitedView> await(GetOrder query) {
        boolean overflowing = count.incrementAndGet() > properties.maxWaiting();
        if (overflowing) {
            count.decrementAndGet();
            overflow.increment();
            overflowWarning.overflowed();
        }
        Waiter waiter = new Waiter(query, System.nanoTime(), overflowing);
        // Registered before the first read, so that an apply between that read and the registration is not missed.
        WaitingOrder order = orders.compute(query.orderId(), (id, existing) -> {
            WaitingOrder waiting = existing != null ? existing : new WaitingOrder(id, properties.recheckInterval().toMillis());
            waiting.waiters.add(waiter);
            return waiting;
        });
        waiter.future.whenComplete((answer, failure) -> release(order, waiter, answer));
        // From the request's arrival: a first read queued behind others must not push the answer past the deadline.
        waiter.deadline = timer.schedule(() -> waiter.complete(order.lastView()),
                Math.max(0, answerBy(query.maxWait()).toNanos() - waiter.elapsedNanos()), TimeUnit.NANOSECONDS);
        if (waiter.future.isDone()) {
            waiter.cancelDeadline(); // answered while the deadline was being scheduled
        }
        queueRead(order, firstReads);
        if (!overflowing) {
            scheduleRecheck(order);
        }
        return waiter.future;
    }

    /**
     * When a request that has not seen its version is answered: a tenth of its wait (at most 500 ms) before the wait
     * ends, so that a GC pause or a busy core delays the answer into that margin, not past the client's deadline
     * (docs/read-your-writes.md).
     */
    static Duration answerBy(Duration wait) {
        Duration margin = wait.dividedBy(10);
        return wait.minus(margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin);
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
        toRead.add(order);
        startDrainer();
    }

    private void startDrainer() {
        if (!toRead.isEmpty() && drainers.tryAcquire()) {
            try {
                readers.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                drainers.release(); // shutting down
            }
        }
    }

    /** Reads the queued orders in batches, one {@code $in} round trip per batch, until the queue is empty. */
    private void drain() {
        try {
            List<WaitingOrder> batch = new ArrayList<>(READ_BATCH);
            for (WaitingOrder order; batch.size() < READ_BATCH && (order = toRead.poll()) != null; ) {
                order.readQueued.set(false); // a wake-up from now on queues it again: none is lost
                batch.add(order);
            }
            if (batch.isEmpty()) {
                return;
            }
            batchReads.increment();
            try {
                Map<UUID, OrderView> views = reader.handleAll(batch.stream().map(order -> order.orderId).toList());
                batch.forEach(order -> order.observe(Optional.ofNullable(views.get(order.orderId))));
            } catch (RuntimeException e) {
                // A request whose first read failed gets the store's error, as a plain GET would; the others keep the
                // view they had and wait for the next wake-up or re-check.
                batch.forEach(order -> order.failUnread(e));
                log.debug("Reading orders for waiting requests failed ({}); the next wake-up or re-check tries again",
                        e.toString());
            }
        } finally {
            drainers.release();
            startDrainer();
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
        if (waiter.answersAtFirstRead) {
            return; // counted as too-many-waiting, never as waiting
        }
        count.decrementAndGet();
        if (answer != null) {
            (answer.reached() ? reached : stale).increment();
            waited.record(answer.waited());
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

    /** For tests: no read queued or running. */
    boolean readsIdle() {
        return toRead.isEmpty() && drainers.availablePermits() == properties.threads();
    }

    /** For tests: the view a deadline would answer with right now. */
    Optional<OrderView> lastView(UUID orderId) {
        WaitingOrder order = orders.get(orderId);
        return order == null ? Optional.empty() : order.lastView();
    }
}
