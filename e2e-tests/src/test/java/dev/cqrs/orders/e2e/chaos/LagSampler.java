package dev.cqrs.orders.e2e.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.cqrs.orders.local.KafkaGroups;

/**
 * Reads, every couple of seconds, how many records each consumer group of the topic has not committed yet: the
 * read side's backlog over the run (cheap: admin calls only; skipped while Kafka is down).
 */
final class LagSampler implements AutoCloseable {

    /** The backlog of each group at one moment, in ms since the run started. */
    record Point(long atMillis, SortedMap<String, Long> lagByGroup) {
    }

    private static final Duration EVERY = Duration.ofSeconds(2);

    private final KafkaGroups groups;
    private final String topic;
    private final long startNanos;
    private final List<Point> points = new ArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-lag-sampler");
        thread.setDaemon(true);
        return thread;
    });

    LagSampler(String bootstrapServers, String topic, long startNanos) {
        this.groups = KafkaGroups.connect(bootstrapServers, Duration.ofSeconds(3));
        this.topic = topic;
        this.startNanos = startNanos;
    }

    void start() {
        executor.scheduleWithFixedDelay(this::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            SortedMap<String, Long> lags = new TreeMap<>();
            for (String group : groups.groupsReading(topic)) {
                lags.put(group, groups.lag(group, topic).values().stream().mapToLong(Long::longValue).sum());
            }
            synchronized (points) {
                points.add(new Point((System.nanoTime() - startNanos) / 1_000_000, lags));
            }
        } catch (RuntimeException e) {
            // Kafka is down or restarting: no point this time.
        }
    }

    List<Point> points() {
        synchronized (points) {
            return List.copyOf(points);
        }
    }

    /** The largest backlog each group had. */
    Map<String, Long> maxima() {
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
        groups.close();
    }
}
