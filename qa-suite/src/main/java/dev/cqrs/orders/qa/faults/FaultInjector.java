package dev.cqrs.orders.qa.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

import dev.cqrs.orders.qa.config.Daemons;
import dev.cqrs.orders.qa.config.RunLog;
import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.lag.ConsumerLag;
import dev.cqrs.orders.qa.lag.KafkaGroups;
import dev.cqrs.orders.qa.load.Pacer;
import dev.cqrs.orders.qa.load.Progress;

/**
 * Injects the planned faults, one after another, each into running load: the orders are split into segments, one
 * per fault (plus one before the first); a segment's orders are released bit by bit while its fault lasts, and the
 * next fault waits until the previous segment is done. Every killed or stopped part runs again (and is ready) before
 * the fault counts as over. With no fault planned, it releases every order at once. It stops early when the load
 * does (the run's time limit).
 */
public final class FaultInjector implements Runnable {

    private final FaultDriver driver;
    private final List<FaultKind> plan;
    private final Progress progress;
    private final SuiteConfig config;
    private final Pacer pacer;
    private final FaultActions actions;
    private final long runStartNanos;
    private final List<FaultEvent> events = new ArrayList<>();
    private final ScheduledExecutorService releases = Daemons.scheduler("qa-release-");

    /** {@code groups}: Kafka admin access for rewinds, or null (then the plan must not hold a rewind). */
    public FaultInjector(FaultDriver driver, List<FaultKind> plan, Progress progress, SuiteConfig config, Pacer pacer,
                         ConsumerLag lag, KafkaGroups groups, long runStartNanos) {
        this.driver = driver;
        this.plan = List.copyOf(plan);
        this.progress = progress;
        this.config = config;
        this.pacer = pacer;
        this.actions = new FaultActions(driver, progress, config, pacer, lag, groups);
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
        try {
            progress.release(boundary(orders, faults, 1));
            for (int i = 0; i < faults && !progress.aborted(); i++) {
                int segmentStart = boundary(orders, faults, i + 1);
                int segmentEnd = boundary(orders, faults, i + 2);
                awaitCompleted(segmentStart);
                pacer.pause(config.faultGap());
                if (i == 0) {
                    pacer.pause(config.warmup().minusNanos(System.nanoTime() - runStartNanos));
                }
                if (progress.aborted()) {
                    break;
                }
                ScheduledFuture<?> trickle = trickle(segmentStart, segmentEnd);
                try {
                    inject(i + 1, plan.get(i), segmentEnd - segmentStart);
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
     * Releases the segment's orders one by one, evenly over {@link SuiteConfig#spread()}, so that load keeps coming
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

    public synchronized List<FaultEvent> events() {
        return List.copyOf(events);
    }

    private void awaitCompleted(int orders) {
        Duration limit = config.commandDeadline().multipliedBy(4).plusMinutes(5);
        try {
            await("orders of the previous segment done").atMost(limit).pollInterval(Duration.ofMillis(50))
                    .until(() -> progress.completed() >= orders || progress.aborted());
        } catch (ConditionTimeoutException e) {
            log("the orders before the next fault did not finish within " + limit.toSeconds() + " s; injecting anyway");
        }
    }

    private void inject(int number, FaultKind kind, int segment) {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        log(String.format(Locale.ROOT, "fault %d/%d %s ...", number, plan.size(), kind));
        FaultActions.Outcome outcome;
        String error = null;
        try {
            outcome = actions.inject(kind, segment);
        } catch (RuntimeException e) {
            error = e.toString();
            outcome = new FaultActions.Outcome("failed: " + e.getMessage(), false);
            e.printStackTrace();
        }
        String restartError = ensureAllRunning();
        if (restartError != null) {
            error = error == null ? restartError : error + "; " + restartError;
        }
        long duration = (System.nanoTime() - started) / 1_000_000;
        FaultEvent event = new FaultEvent(number, kind, (started - runStartNanos) / 1_000_000, startedAt, duration,
                outcome.detail(), error, outcome.momentMet(), outcome.killedAck(), outcome.killedAt(), outcome.rewound());
        synchronized (this) {
            events.add(event);
        }
        log(String.format(Locale.ROOT, "fault %d/%d %s done in %.1f s: %s%s", number, plan.size(), kind, duration / 1000.0,
                outcome.detail(), error == null ? "" : " ERROR " + error));
    }

    /** Brings back whatever is not running after a failed fault; answers what had to be done. */
    private String ensureAllRunning() {
        try {
            String done = driver.ensureAllRunning();
            return done == null ? null : done + " after the fault";
        } catch (RuntimeException e) {
            return "could not bring every part back: " + e.getMessage();
        }
    }

    private void log(String message) {
        RunLog.log(runStartNanos, message);
    }

    /** How many faults of each kind, in the kinds' order. */
    public static Map<FaultKind, Long> countByKind(List<FaultEvent> events) {
        return events.stream().collect(Collectors.groupingBy(FaultEvent::kind, () -> new EnumMap<>(FaultKind.class),
                Collectors.counting()));
    }
}
