package dev.cqrs.orders.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The two load shapes of the harness. {@link #closedLoop} finds a throughput: N clients, each sending its next
 * request when the previous one answered. {@link #fixedRate} measures latency at an offered load, wrk2-style: request
 * i is due at start + i/rate whatever happened before, and its latency counts from that intended time, so a stall
 * is charged to every request it delayed (no coordinated omission).
 */
final class Load {

    private Load() {
    }

    /** One client's operation; answers whether it succeeded. */
    @FunctionalInterface
    interface Op {
        boolean run() throws Exception;
    }

    /** Creates the operation of one client thread, with whatever per-client state it needs (a connection, say). */
    @FunctionalInterface
    interface ClientFactory {
        Op create(int client) throws Exception;
    }

    /** ops, errors and latencies of the measured window; {@code allOps}: every operation, warm-up included. */
    record ClosedLoopResult(int clients, long ops, long errors, double seconds, Latencies latencies, long allOps) {
        double rate() {
            return ops / seconds;
        }
    }

    /** Runs {@code clients} threads for warmup + measure; counts and times only what completes inside the measure window. */
    static ClosedLoopResult closedLoop(int clients, Duration warmup, Duration measure, ClientFactory factory) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong allOps = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                Op op;
                try {
                    op = factory.create(client);
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    return;
                }
                while (!stop.get()) {
                    long begin = System.nanoTime();
                    if (begin >= measureTo) {
                        break;
                    }
                    boolean ok;
                    try {
                        ok = op.run();
                    } catch (Exception e) {
                        ok = false;
                    }
                    long end = System.nanoTime();
                    if (ok) {
                        allOps.incrementAndGet();
                    }
                    if (begin >= measureFrom && end <= measureTo) {
                        if (ok) {
                            ops.incrementAndGet();
                            latencies.recordNanos(end - begin);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }
                if (op instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // best effort
                    }
                }
            }, "closed-loop-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(warmup.plus(measure).plusSeconds(60).toMillis());
        }
        stop.set(true);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a load client could not start: " + failures.get(0), failures.get(0));
        }
        return new ClosedLoopResult(clients, ops.get(), errors.get(), measure.toNanos() / 1e9, latencies, allOps.get());
    }

    /** One request of a fixed-rate run; it records its own latency from {@code intendedNanos}. */
    @FunctionalInterface
    interface Scheduled {
        void run(long index, long intendedNanos) throws Exception;
    }

    /** {@code unsent}: requests still not started when the run's time (duration + grace) was up, i.e. overload. */
    record FixedRateResult(long due, long done, long errors, long unsent, double seconds, long maxLateMicros) {

        static final FixedRateResult NONE = new FixedRateResult(0, 0, 0, 0, 0, 0);

        /** Two runs of one load as one, for a load measured in rounds. */
        FixedRateResult plus(FixedRateResult other) {
            return new FixedRateResult(due + other.due, done + other.done, errors + other.errors, unsent + other.unsent,
                    seconds + other.seconds, Math.max(maxLateMicros, other.maxLateMicros));
        }
    }

    static FixedRateResult fixedRate(double rate, Duration duration, int workers, Scheduled request) throws InterruptedException {
        return fixedRate(rate, duration, Duration.ofSeconds(10), workers, request);
    }

    /**
     * Sends {@code rate × duration} requests at fixed intended times from {@code workers} threads. A worker that is
     * busy makes the next request start late; that lateness is part of the request's measured latency. Past
     * duration + grace no request is started any more: the system could not take the offered load.
     */
    static FixedRateResult fixedRate(double rate, Duration duration, Duration grace, int workers, Scheduled request)
            throws InterruptedException {
        long due = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime() + 20_000_000L;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong maxLate = new AtomicLong();
        AtomicLong unsent = new AtomicLong();
        long stopAt = start + duration.toNanos() + grace.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(() -> {
                long i;
                while ((i = next.getAndIncrement()) < due) {
                    long intended = start + (long) (i * intervalNanos);
                    long now;
                    while ((now = System.nanoTime()) < intended) {
                        LockSupport.parkNanos(intended - now);
                    }
                    if (now > stopAt) {
                        unsent.incrementAndGet();
                        continue;
                    }
                    maxLate.accumulateAndGet((now - intended) / 1_000, Math::max);
                    try {
                        request.run(i, intended);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "fixed-rate-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(duration.plus(grace).plusSeconds(120).toMillis());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new FixedRateResult(due, done.get(), errors.get(), unsent.get(), seconds, maxLate.get());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
