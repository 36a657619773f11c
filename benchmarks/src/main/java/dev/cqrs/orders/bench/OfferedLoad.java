package dev.cqrs.orders.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.cqrs.orders.local.LocalSystem;

/**
 * One P2 run at one offered load: orders POSTed at a fixed rate, about 50 a second of them followed to the query side
 * until they are visible there.
 */
final class OfferedLoad {

    private final Bench bench;
    /** The relay in place of ours, or null for ours. */
    private final PollingRelay pollingRelay;
    private final Latencies commitToVisible = new Latencies();
    private final Latencies intendedToVisible = new Latencies();
    private final Latencies post = new Latencies();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong visible = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();
    /** What the last GET that came back without the order said: the report names it when none became visible. */
    private final AtomicReference<String> lastMiss = new AtomicReference<>("none");
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "p2-retry");
        thread.setDaemon(true);
        return thread;
    });

    private OfferedLoad(Bench bench, PollingRelay pollingRelay) {
        this.bench = bench;
        this.pollingRelay = pollingRelay;
    }

    static CommitToVisible.Run measure(Bench bench, PollingRelay pollingRelay, int rate) throws Exception {
        return new OfferedLoad(bench, pollingRelay).run(rate);
    }

    private CommitToVisible.Run run(int rate) throws Exception {
        long checkEvery = Math.max(1, (long) Math.ceil(rate / 50.0));
        int workers = Math.max(8, Math.min(64, rate / 10));
        ServiceMetrics.Timer relayBefore = relayDelay();
        ServiceMetrics.Timer projectionBefore = projectionDelay();
        Hops.Reading hopsBefore = Hops.Reading.take(bench.system(), pollingRelay == null);
        CpuMeter.Window window = bench.cpu().start();
        Load.FixedRateResult load;
        try {
            load = Load.fixedRate(rate, bench.settings().p2Duration(), Duration.ofSeconds(5), workers, (index, intended) -> {
                UUID id = bench.http().create(SampleOrder.next());
                long committed = System.nanoTime();
                post.recordNanos(committed - intended);
                if (id == null) {
                    throw new IOException("POST /orders did not answer 201");
                }
                created.incrementAndGet();
                // Every k-th order is followed to the query side (about 50 a second), so that the waiting GETs never
                // become a load of their own when the pipeline falls behind.
                if (index % checkEvery == 0) {
                    checked.incrementAndGet();
                    outstanding.incrementAndGet();
                    awaitVisible(id, committed, intended);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            retries.shutdownNow();
        }
        missing.addAndGet(outstanding.get());
        CpuMeter.Usage usage = window.stop();
        ServiceMetrics.Timer relayAfter = relayDelay();
        ServiceMetrics.Timer projectionAfter = projectionDelay();
        Hops hops = Hops.Reading.take(bench.system(), pollingRelay == null).since(hopsBefore);
        return new CommitToVisible.Run(rate, load.seconds(), load.due(), created.get(), checked.get(), visible.get(), missing.get(),
                commitToVisible, intendedToVisible, post, usage,
                relayAfter == null ? Double.NaN : relayAfter.meanMsSince(relayBefore),
                projectionAfter == null ? Double.NaN : projectionAfter.meanMsSince(projectionBefore), load.unsent(), lastMiss.get(), hops);
    }

    /**
     * Read-your-writes GET with minVersion=1: the query service answers as soon as its order-view projection applied
     * the order; an answer without it is asked again, until 30 s after the commit.
     */
    private void awaitVisible(UUID id, long committed, long intended) {
        long attempt = System.nanoTime();
        bench.http().awaitVisible(id, 5_000).whenComplete((ok, failure) -> {
            long now = System.nanoTime();
            if (Boolean.TRUE.equals(ok)) {
                commitToVisible.recordNanos(now - committed);
                intendedToVisible.recordNanos(now - intended);
                visible.incrementAndGet();
                outstanding.decrementAndGet();
                return;
            }
            lastMiss.set(failure != null ? failure.toString() : "answered without the order (404 or X-Read-Model-Stale)");
            if (now - committed > Duration.ofSeconds(30).toNanos()) {
                missing.incrementAndGet();
                outstanding.decrementAndGet();
            } else {
                // After a full wait, ask again at once; an answer that came back early (no read-your-writes, an error, an
                // overloaded server) is retried after 25 ms, never in a tight loop.
                long delayMs = now - attempt > 2_500_000_000L ? 1 : 25;
                retries.schedule(() -> awaitVisible(id, committed, intended), delayMs, TimeUnit.MILLISECONDS);
            }
        });
    }

    private ServiceMetrics.Timer relayDelay() {
        LocalSystem system = bench.system();
        return pollingRelay != null ? pollingRelay.delay()
                : ServiceMetrics.read(system.commandUrl(), system.adminAuthorization(), ServiceMetrics.RELAY_DELAY, null);
    }

    private ServiceMetrics.Timer projectionDelay() {
        LocalSystem system = bench.system();
        return ServiceMetrics.read(system.queryUrl(), system.adminAuthorization(), ServiceMetrics.PROJECTION_DELAY,
                "readModel=\"order-view\"");
    }
}
