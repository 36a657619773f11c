package dev.cqrs.orders.qa.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.cqrs.orders.qa.config.Daemons;

/**
 * Reads, every couple of seconds, how many records each consumer group has not committed yet: the read side's
 * backlog over the run (cheap; no point while the source is down).
 */
public final class LagSampler implements AutoCloseable {

    /** The backlog of each group at one moment, in ms since the run started. */
    public record Point(long atMillis, SortedMap<String, Long> lagByGroup) {
    }

    private static final Duration EVERY = Duration.ofSeconds(2);

    private final ConsumerLag lag;
    private final long startNanos;
    private final List<Point> points = new ArrayList<>();
    private final ScheduledExecutorService executor = Daemons.scheduler("qa-lag-sampler-");

    /** Samples {@code lag}, which it closes when closed. */
    public LagSampler(ConsumerLag lag, long startNanos) {
        this.lag = lag;
        this.startNanos = startNanos;
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            SortedMap<String, Long> lags = lag.lagByGroup();
            synchronized (points) {
                points.add(new Point((System.nanoTime() - startNanos) / 1_000_000, lags));
            }
        } catch (RuntimeException e) {
            // Kafka is down or restarting: no point this time.
        }
    }

    public List<Point> points() {
        synchronized (points) {
            return List.copyOf(points);
        }
    }

    /** The largest backlog each group had. */
    public Map<String, Long> maxima() {
        SortedMap<String, Long> max = new TreeMap<>();
        points().forEach(point -> point.lagByGroup().forEach((group, lag) -> max.merge(group, lag, Math::max)));
        return max;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lag.close();
    }
}
