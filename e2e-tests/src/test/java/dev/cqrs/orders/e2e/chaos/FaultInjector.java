package dev.cqrs.orders.e2e.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.KafkaGroups;
import dev.cqrs.orders.local.LocalSystem;

/**
 * Injects the planned faults, one after another, each into running load: the orders are split into segments, one
 * per fault (plus one before the first); a segment's orders are released bit by bit while its fault lasts, and the
 * next fault waits until the previous segment is done. Every killed or stopped component is started again (and
 * waited for) before the fault counts as over.
 */
final class FaultInjector implements Runnable {

    /**
     * One injected fault.
     *
     * @param startMillis   ms since the run started
     * @param killedAck     for {@link FaultKind#KILL_COMMAND_AFTER_COMMIT}: the command whose 2xx triggered the kill
     */
    record FaultEvent(int number, FaultKind kind, long startMillis, Instant startedAt, long durationMillis, String detail,
                      String error, Progress.Ack killedAck, Instant killedAt, long recordsRewound) {
    }

    private static final Duration LOAD_WAIT = Duration.ofSeconds(30);

    private final LocalSystem system;
    private final List<FaultKind> plan;
    private final Progress progress;
    private final ChaosConfig config;
    private final Pacer pacer;
    private final Random random;
    private final long runStartNanos;
    private final List<FaultEvent> events = new ArrayList<>();
    private final ScheduledExecutorService releases = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-release");
        thread.setDaemon(true);
        return thread;
    });

    FaultInjector(LocalSystem system, List<FaultKind> plan, Progress progress, ChaosConfig config, Pacer pacer,
                  long runStartNanos) {
        this.system = system;
        this.plan = plan;
        this.progress = progress;
        this.config = config;
        this.pacer = pacer;
        this.random = new Random(config.seed() ^ 0x5DEECE66DL);
        this.runStartNanos = runStartNanos;
    }

    /** The order index at which segment {@code j} starts (segment j runs with fault j; segment 0 before any fault). */
    static int boundary(int orders, int faults, int j) {
        return (int) Math.round((double) orders * j / (faults + 1));
    }

    @Override
    public void run() {
        int orders = progress.orders();
        int faults = plan.size();
        try (KafkaGroups groups = KafkaGroups.connect(system.kafkaBootstrapServers())) {
            progress.release(boundary(orders, faults, 1));
            for (int i = 0; i < faults; i++) {
                int segmentStart = boundary(orders, faults, i + 1);
                int segmentEnd = boundary(orders, faults, i + 2);
                awaitCompleted(segmentStart);
                pacer.pause(config.faultGap());
                if (i == 0) {
                    pacer.pause(config.warmup().minusNanos(System.nanoTime() - runStartNanos));
                }
                ScheduledFuture<?> trickle = trickle(segmentStart, segmentEnd);
                try {
                    inject(i + 1, plan.get(i), segmentEnd - segmentStart, groups);
                } finally {
                    trickle.cancel(false);
                    progress.release(segmentEnd);
                }
            }
        } finally {
            progress.release(orders);
            releases.shutdownNow();
        }
    }

    /**
     * Releases the segment's orders one by one, evenly over {@link ChaosConfig#spread()}, so that load keeps coming
     * while the fault lasts; whatever is left is released when the fault is over.
     */
    private ScheduledFuture<?> trickle(int from, int to) {
        int size = Math.max(1, to - from);
        long every = Math.max(1, config.spread().toNanos() / size);
        AtomicInteger next = new AtomicInteger(from + 1);
        progress.release(next.get());
        return releases.scheduleAtFixedRate(() -> progress.release(Math.min(to, next.incrementAndGet())), every, every,
                TimeUnit.NANOSECONDS);
    }

    synchronized List<FaultEvent> events() {
        return List.copyOf(events);
    }

    private void awaitCompleted(int orders) {
        Duration limit = config.commandDeadline().multipliedBy(4).plusMinutes(5);
        try {
            await("orders of the previous segment done").atMost(limit).pollInterval(Duration.ofMillis(50))
                    .until(() -> progress.completed() >= orders);
        } catch (ConditionTimeoutException e) {
            log("the orders before the next fault did not finish within " + limit.toSeconds() + " s; injecting anyway");
        }
    }

    private void inject(int number, FaultKind kind, int segment, KafkaGroups groups) {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        log(String.format(Locale.ROOT, "fault %d/%d %s ...", number, plan.size(), kind));
        Outcome outcome;
        String error = null;
        try {
            outcome = switch (kind) {
                case KILL_COMMAND -> killCommand(segment);
                case KILL_COMMAND_AFTER_COMMIT -> killCommandAfterCommit();
                case KILL_QUERY -> killQuery(segment, groups);
                case RESTART_KAFKA -> restart(Component.KAFKA, segment);
                case RESTART_POSTGRES -> restart(Component.POSTGRES, segment);
                case REWIND_QUERY_OFFSETS -> rewind(segment, groups);
            };
        } catch (RuntimeException e) {
            error = e.toString();
            outcome = new Outcome("failed: " + e.getMessage(), null, null, 0);
            e.printStackTrace();
        }
        String restartError = ensureEverythingRuns();
        if (restartError != null) {
            error = error == null ? restartError : error + "; " + restartError;
        }
        long duration = (System.nanoTime() - started) / 1_000_000;
        FaultEvent event = new FaultEvent(number, kind, (started - runStartNanos) / 1_000_000, startedAt, duration,
                outcome.detail(), error, outcome.killedAck(), outcome.killedAt(), outcome.rewound());
        synchronized (this) {
            events.add(event);
        }
        log(String.format(Locale.ROOT, "fault %d/%d %s done in %.1f s: %s%s", number, plan.size(), kind, duration / 1000.0,
                outcome.detail(), error == null ? "" : " ERROR " + error));
    }

    private record Outcome(String detail, Progress.Ack killedAck, Instant killedAt, long rewound) {

        Outcome(String detail) {
            this(detail, null, null, 0);
        }
    }

    /** Lets some of the segment's commands through first, so that the fault meets load. */
    private long awaitLoad(int segment, int divisor) {
        int acks = 1 + random.nextInt(Math.max(1, segment / divisor));
        long from = progress.acks();
        awaitQuietly(LOAD_WAIT, () -> progress.acks() >= from + acks);
        return progress.acks() - from;
    }

    private Outcome killCommand(int segment) {
        long acks = awaitLoad(segment, 2);
        // Mid-request if it can be: a transaction may be open. (The kill right after a 2xx is the other fault kind.)
        awaitQuietly(Duration.ofSeconds(5), () -> progress.inFlight() > 0);
        int inFlight = progress.inFlight();
        long pid = system.pid(Component.COMMAND).orElse(-1L);
        system.kill(Component.COMMAND);
        Instant killedAt = Instant.now();
        long down = System.nanoTime();
        system.start(Component.COMMAND);
        return new Outcome(String.format(Locale.ROOT,
                "kill -9 of pid %d after %d acknowledgements of this segment, with %d requests in flight; ready again after %.1f s",
                pid, acks, inFlight, seconds(down)), null, killedAt, 0);
    }

    private Outcome killCommandAfterCommit() {
        CompletableFuture<Outcome> killed = new CompletableFuture<>();
        long pid = system.pid(Component.COMMAND).orElse(-1L);
        Consumer<Progress.Ack> hook = ack -> {
            long before = System.nanoTime();
            system.kill(Component.COMMAND);
            Instant killedAt = Instant.now();
            killed.complete(new Outcome(String.format(Locale.ROOT,
                    "kill -9 of pid %d sent %d µs after the 2xx of %s %s (version %d) arrived",
                    pid, (before - ack.receivedNanos()) / 1_000, ack.command(), ack.orderId(), ack.version()), ack, killedAt, 0));
        };
        progress.onNextAck(hook);
        Outcome outcome;
        try {
            await("a 2xx to kill after").atMost(LOAD_WAIT).pollInterval(Duration.ofMillis(10)).until(killed::isDone);
            outcome = killed.join();
        } catch (ConditionTimeoutException e) {
            if (progress.cancelHook(hook)) {
                system.kill(Component.COMMAND);
                outcome = new Outcome("no 2xx within " + LOAD_WAIT.toSeconds() + " s: kill -9 of pid " + pid + " anyway",
                        null, Instant.now(), 0);
            } else {
                await().atMost(Duration.ofSeconds(30)).until(killed::isDone);
                outcome = killed.join();
            }
        }
        long down = System.nanoTime();
        system.start(Component.COMMAND);
        return new Outcome(outcome.detail() + String.format(Locale.ROOT, "; ready again after %.1f s", seconds(down)),
                outcome.killedAck(), outcome.killedAt(), 0);
    }

    private Outcome killQuery(int segment, KafkaGroups groups) {
        long acks = awaitLoad(segment, 3);
        SortedSet<String> readers = groups.groupsReading(config.topic());
        long[] lag = new long[1];
        // "In the middle of consuming": records are waiting to be committed by its groups.
        awaitQuietly(Duration.ofSeconds(10), () -> (lag[0] = totalLag(groups, readers)) > 0);
        long pid = system.pid(Component.QUERY).orElse(-1L);
        system.kill(Component.QUERY);
        Instant killedAt = Instant.now();
        long down = System.nanoTime();
        system.start(Component.QUERY);
        return new Outcome(String.format(Locale.ROOT,
                "kill -9 of pid %d after %d acknowledgements of this segment, with %d records not yet committed by %s; ready again after %.1f s",
                pid, acks, lag[0], readers, seconds(down)), null, killedAt, 0);
    }

    private Outcome restart(Component component, int segment) {
        awaitLoad(segment, 4);
        long stopping = System.nanoTime();
        system.stop(component);
        double stopSeconds = seconds(stopping);
        pacer.pause(config.downtime());
        long starting = System.nanoTime();
        system.start(component);
        return new Outcome(String.format(Locale.ROOT, "stopped (SIGTERM) in %.1f s, down for %.1f s, ready again after %.1f s",
                stopSeconds, config.downtime().toMillis() / 1000.0, seconds(starting)));
    }

    private Outcome rewind(int segment, KafkaGroups groups) {
        awaitLoad(segment, 4);
        system.stop(Component.QUERY);
        SortedSet<String> readers = groups.groupsReading(config.topic());
        List<String> parts = new ArrayList<>();
        long total = 0;
        for (String group : readers) {
            // A consumer killed earlier stays a member until its session times out.
            await("consumer group " + group + " without members").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).until(() -> groups.members(group) == 0);
            SortedMap<Integer, Long> rewound = groups.rewind(group, config.topic(), config.rewindRecords());
            long sum = rewound.values().stream().mapToLong(Long::longValue).sum();
            total += sum;
            parts.add(group + " back " + sum + " " + rewound.entrySet().stream()
                    .map(entry -> "p" + entry.getKey() + ":" + entry.getValue()).collect(Collectors.joining(" ", "(", ")")));
        }
        long starting = System.nanoTime();
        system.start(Component.QUERY);
        return new Outcome(String.format(Locale.ROOT, "query service stopped; %s; ready again after %.1f s",
                parts.isEmpty() ? "no consumer group had committed offsets" : String.join("; ", parts), seconds(starting)),
                null, null, total);
    }

    private long totalLag(KafkaGroups groups, SortedSet<String> readers) {
        long lag = 0;
        for (String group : readers) {
            lag += groups.lag(group, config.topic()).values().stream().mapToLong(Long::longValue).sum();
        }
        return lag;
    }

    /** Starts whatever is not running (after a failed restart); answers what could not be started. */
    private String ensureEverythingRuns() {
        List<Component> down = java.util.Arrays.stream(Component.values()).filter(component -> !system.running(component)).toList();
        if (down.isEmpty()) {
            return null;
        }
        try {
            log("starting " + down + " again");
            system.startAll();
            return down + " had to be started again after the fault";
        } catch (RuntimeException e) {
            return "could not start " + down + " again: " + e.getMessage();
        }
    }

    private static void awaitQuietly(Duration atMost, BooleanSupplier condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            // inject anyway: a fault must not wait forever for the perfect moment
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private void log(String message) {
        System.out.printf(Locale.ROOT, "[chaos] %7.1f s %s%n", (System.nanoTime() - runStartNanos) / 1e9, message);
    }

    static Map<FaultKind, Long> countByKind(List<FaultEvent> events) {
        return events.stream().collect(Collectors.groupingBy(FaultEvent::kind, () -> new java.util.EnumMap<>(FaultKind.class),
                Collectors.counting()));
    }
}
