package dev.cqrs.orders.qa.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.lag.ConsumerLag;
import dev.cqrs.orders.qa.lag.KafkaGroups;
import dev.cqrs.orders.qa.load.Pacer;
import dev.cqrs.orders.qa.load.Progress;

/**
 * How each {@link FaultKind} is done, through a {@link FaultDriver}: each first waits for its moment (load flowing,
 * requests in flight, records pending, a 2xx arriving), and injects anyway when the moment does not come, saying so.
 */
final class FaultActions {

    /** What came of one fault, for its {@link FaultEvent}. */
    record Outcome(String detail, boolean momentMet, Progress.Ack killedAck, Instant killedAt, long rewound) {

        Outcome(String detail, boolean momentMet) {
            this(detail, momentMet, null, null, 0);
        }
    }

    static final Duration LOAD_WAIT = Duration.ofSeconds(30);
    private static final int REWIND_ATTEMPTS = 3;

    private final FaultDriver driver;
    private final Progress progress;
    private final SuiteConfig config;
    private final Pacer pacer;
    private final ConsumerLag lag;
    private final KafkaGroups groups;
    private final Random random;

    /** {@code groups}: Kafka admin access for rewinds, or null when the suite cannot reach Kafka (no rewinds then). */
    FaultActions(FaultDriver driver, Progress progress, SuiteConfig config, Pacer pacer, ConsumerLag lag, KafkaGroups groups) {
        this.driver = driver;
        this.progress = progress;
        this.config = config;
        this.pacer = pacer;
        this.lag = lag;
        this.groups = groups;
        this.random = new Random(config.seed() ^ 0x5DEECE66DL);
    }

    Outcome inject(FaultKind kind, int segment) {
        return switch (kind) {
            case KILL_COMMAND -> killCommand(segment);
            case KILL_COMMAND_AFTER_COMMIT -> killCommandAfterCommit();
            case KILL_QUERY -> killQuery(segment);
            case REWIND_QUERY_OFFSETS -> rewind(segment);
            case RESTART_POSTGRES, RESTART_KAFKA, RESTART_MONGO -> restart(kind.part(), segment);
            case CRASH_POSTGRES, CRASH_KAFKA, CRASH_MONGO -> crash(kind.part(), segment);
        };
    }

    /** Lets some of the segment's commands through first, so that the fault meets load; true if any came. */
    private boolean awaitLoad(int segment, int divisor) {
        int acks = 1 + random.nextInt(Math.max(1, segment / divisor));
        long from = progress.acks();
        awaitQuietly(LOAD_WAIT, () -> progress.acks() >= from + acks);
        return progress.acks() > from;
    }

    private Outcome killCommand(int segment) {
        boolean load = awaitLoad(segment, 2);
        // Mid-request if it can be: a transaction may be open. (The kill right after a 2xx is the other fault kind.)
        boolean inFlight = awaitQuietly(Duration.ofSeconds(5), () -> progress.inFlight() > 0);
        int requests = progress.inFlight();
        String killed = driver.kill(Part.COMMAND);
        Instant killedAt = Instant.now();
        long down = System.nanoTime();
        String back = driver.recover(Part.COMMAND);
        return new Outcome(String.format(Locale.ROOT, "%s with %d requests in flight%s; %s after %.1f s", killed, requests,
                inFlight ? "" : " (none came within 5 s)", back, seconds(down)), load && inFlight, null, killedAt, 0);
    }

    private Outcome killCommandAfterCommit() {
        CompletableFuture<Outcome> killed = new CompletableFuture<>();
        Consumer<Progress.Ack> hook = ack -> {
            long before = System.nanoTime();
            String what = driver.kill(Part.COMMAND);
            killed.complete(new Outcome(String.format(Locale.ROOT, "%s, sent %d µs after the 2xx of %s %s (version %d) arrived",
                    what, (before - ack.receivedNanos()) / 1_000, ack.command(), ack.orderId(), ack.version()),
                    true, ack, Instant.now(), 0));
        };
        progress.onNextAck(hook);
        Outcome outcome;
        try {
            await("a 2xx to kill after").atMost(LOAD_WAIT).pollInterval(Duration.ofMillis(10)).until(killed::isDone);
            outcome = killed.join();
        } catch (ConditionTimeoutException e) {
            if (progress.cancelHook(hook)) {
                String what = driver.kill(Part.COMMAND);
                outcome = new Outcome("no 2xx within " + LOAD_WAIT.toSeconds() + " s: " + what + " anyway", false, null,
                        Instant.now(), 0);
            } else {
                await().atMost(Duration.ofSeconds(30)).until(killed::isDone);
                outcome = killed.join();
            }
        }
        long down = System.nanoTime();
        String back = driver.recover(Part.COMMAND);
        return new Outcome(outcome.detail() + String.format(Locale.ROOT, "; %s after %.1f s", back, seconds(down)),
                outcome.momentMet(), outcome.killedAck(), outcome.killedAt(), 0);
    }

    private Outcome killQuery(int segment) {
        boolean load = awaitLoad(segment, 3);
        long[] pending = new long[1];
        // "In the middle of consuming": records are waiting to be committed by its groups.
        boolean consuming = awaitQuietly(Duration.ofSeconds(10), () -> (pending[0] = totalLag()) > 0);
        String killed = driver.kill(Part.QUERY);
        Instant killedAt = Instant.now();
        long down = System.nanoTime();
        String back = driver.recover(Part.QUERY);
        return new Outcome(String.format(Locale.ROOT, "%s with %d records not yet committed%s; %s after %.1f s", killed,
                pending[0], consuming ? "" : " (no record pending within 10 s)", back, seconds(down)), load && consuming,
                null, killedAt, 0);
    }

    private Outcome restart(Part part, int segment) {
        boolean load = awaitLoad(segment, 4);
        long stopping = System.nanoTime();
        String stopped = driver.stop(part);
        double stopSeconds = seconds(stopping);
        String held = "";
        if (driver.holdsStoppedParts()) {
            pacer.pause(config.downtime());
            held = String.format(Locale.ROOT, ", held down for %.1f s", config.downtime().toMillis() / 1000.0);
        }
        long starting = System.nanoTime();
        String back = driver.recover(part);
        return new Outcome(String.format(Locale.ROOT, "%s in %.1f s%s; %s after %.1f s", stopped, stopSeconds, held, back,
                seconds(starting)), load);
    }

    private Outcome crash(Part part, int segment) {
        boolean load = awaitLoad(segment, 4);
        String killed = driver.kill(part);
        Instant killedAt = Instant.now();
        long down = System.nanoTime();
        String back = driver.recover(part);
        return new Outcome(String.format(Locale.ROOT, "%s; %s after %.1f s", killed, back, seconds(down)), load, null, killedAt, 0);
    }

    private Outcome rewind(int segment) {
        if (groups == null) {
            throw new IllegalStateException("a rewind needs Kafka admin access, and the suite has none");
        }
        boolean load = awaitLoad(segment, 4);
        String stopped = null;
        List<String> parts = new ArrayList<>();
        long total = 0;
        for (int attempt = 1; ; attempt++) {
            stopped = driver.stop(Part.QUERY);
            try {
                parts.clear();
                total = 0;
                for (String group : groups.groupsReading(config.topic())) {
                    if (!group.startsWith(config.consumerGroupPrefix())) {
                        continue;
                    }
                    groups.awaitNoMembers(group, Duration.ofSeconds(120));
                    SortedMap<Integer, Long> rewound = groups.rewind(group, config.topic(), config.rewindRecords());
                    long sum = rewound.values().stream().mapToLong(Long::longValue).sum();
                    total += sum;
                    parts.add(group + " back " + sum + " " + rewound.entrySet().stream()
                            .map(entry -> "p" + entry.getKey() + ":" + entry.getValue()).collect(Collectors.joining(" ", "(", ")")));
                }
                break;
            } catch (RuntimeException e) {
                // Where the query service comes back by itself, it may rejoin before the rewind: stop it again.
                if (driver.holdsStoppedParts() || attempt == REWIND_ATTEMPTS) {
                    throw e;
                }
            }
        }
        long starting = System.nanoTime();
        String back = driver.recover(Part.QUERY);
        return new Outcome(String.format(Locale.ROOT, "%s; %s; %s after %.1f s", stopped,
                parts.isEmpty() ? "no consumer group had committed offsets" : String.join("; ", parts), back,
                seconds(starting)), load, null, null, total);
    }

    private long totalLag() {
        return lag.lagByGroup().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits for the moment, at most {@code atMost}; answers whether it came. */
    private static boolean awaitQuietly(Duration atMost, BooleanSupplier condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false; // inject anyway: a fault must not wait forever for the perfect moment
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
