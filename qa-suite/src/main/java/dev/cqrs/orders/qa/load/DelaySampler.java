package dev.cqrs.orders.qa.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.cqrs.orders.qa.config.Daemons;

import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderStatus;
import dev.cqrs.orders.qa.readside.Observations;
import tools.jackson.databind.JsonNode;

/**
 * Measures commit→visible delays: from the moment a client received a 2xx to the first read of the query side that
 * shows that version. Takes at most one acknowledgement per {@code every} and watches at most {@code cap} at a
 * time; each is read every 20 ms while fresh, later about every 10 % of its age (at most every second), so the
 * error stays within 20 ms or 10 % while the sampler's own reads stay a small load on the query service (it
 * shares the machine with everything else). Acknowledgements not taken are counted as skipped.
 */
public final class DelaySampler implements AutoCloseable {

    private static final class Sample {
        final OrderRecord order;
        final String orderId;
        final long version;
        final long ackNanos;
        long nextReadNanos;

        Sample(OrderRecord order, String orderId, long version, long ackNanos) {
            this.order = order;
            this.orderId = orderId;
            this.version = version;
            this.ackNanos = ackNanos;
            this.nextReadNanos = ackNanos;
        }
    }

    private static final Duration SWEEP_EVERY = Duration.ofMillis(5);
    private static final long MIN_READ_GAP_NANOS = Duration.ofMillis(20).toNanos();
    private static final long MAX_READ_GAP_NANOS = Duration.ofSeconds(1).toNanos();

    private final OrdersHttp http;
    private final Observations observations;
    private final int cap;
    private final long everyNanos;
    private final AtomicLong lastTaken = new AtomicLong(Long.MIN_VALUE / 2);
    private final Queue<Sample> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong skipped = new AtomicLong();
    private final List<Sample> watching = new ArrayList<>();
    private final List<long[]> timeline = new ArrayList<>();
    private final ScheduledExecutorService executor = Daemons.scheduler("qa-delay-sampler-");

    public DelaySampler(OrdersHttp http, Observations observations, int cap, Duration every) {
        this.http = http;
        this.observations = observations;
        this.cap = cap;
        this.everyNanos = every.toNanos();
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::sweep, 0, SWEEP_EVERY.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Called by a client right after a 2xx for {@code version} of the order. */
    void acknowledged(OrderRecord order, String orderId, long version, long ackNanos) {
        long last = lastTaken.get();
        if (ackNanos - last < everyNanos || !lastTaken.compareAndSet(last, ackNanos)) {
            skipped.incrementAndGet();
            return;
        }
        if (size.incrementAndGet() > cap) {
            size.decrementAndGet();
            skipped.incrementAndGet();
            return;
        }
        incoming.add(new Sample(order, orderId, version, ackNanos));
    }

    private void sweep() {
        try {
            for (Sample sample; (sample = incoming.poll()) != null; ) {
                watching.add(sample);
            }
            for (Iterator<Sample> it = watching.iterator(); it.hasNext(); ) {
                Sample sample = it.next();
                long sent = System.nanoTime();
                if (sent < sample.nextReadNanos) {
                    continue;
                }
                OrdersHttp.Exchange view = http.view(sample.orderId);
                long answered = System.nanoTime();
                sample.nextReadNanos = answered + Math.max(MIN_READ_GAP_NANOS, Math.min(MAX_READ_GAP_NANOS, (answered - sample.ackNanos) / 10));
                if (view.status() != 200) {
                    continue;
                }
                JsonNode json = view.json();
                long version = json.path("version").asLong();
                observations.observe(sample.order, sample.orderId, version, OrderStatus.valueOf(json.path("status").asString()),
                        sent, answered);
                if (version >= sample.version) {
                    long delay = Math.max(0, (answered - sample.ackNanos) / 1_000_000);
                    synchronized (timeline) {
                        timeline.add(new long[] {sample.ackNanos, delay});
                    }
                    it.remove();
                    size.decrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            // A malformed answer must not end the sampling; the reconciliation judges the read side.
            System.err.println("[chaos] delay sampler: " + e);
        }
    }

    /** Each sample as (acknowledged at, in ms since {@code startNanos}; delay in ms), in the order they became visible. */
    public List<long[]> timeline(long startNanos) {
        synchronized (timeline) {
            return timeline.stream().map(entry -> new long[] {(entry[0] - startNanos) / 1_000_000, entry[1]}).toList();
        }
    }

    public long skipped() {
        return skipped.get();
    }

    /** Acknowledgements still watched: not yet seen on the query side. */
    public int pending() {
        return size.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
