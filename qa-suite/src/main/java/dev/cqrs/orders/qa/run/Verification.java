package dev.cqrs.orders.qa.run;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;

import dev.cqrs.orders.qa.audit.TopicAudit;
import dev.cqrs.orders.qa.audit.WriteModelAudit;
import dev.cqrs.orders.qa.config.RunLog;
import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.lag.ConsumerLag;
import dev.cqrs.orders.qa.lag.KafkaGroups;
import dev.cqrs.orders.qa.ledger.Ledger;
import dev.cqrs.orders.qa.readside.HttpReadSide;
import dev.cqrs.orders.qa.readside.Observations;
import dev.cqrs.orders.qa.readside.Reconciler;
import dev.cqrs.orders.qa.report.SuiteReport;
import dev.cqrs.orders.qa.system.Target;

/**
 * The part of a run that judges the target after the load (or without load, for {@code --reconcile}): wait until the
 * consumers have caught up and the read side shows every acknowledged command, then reconcile every read model with
 * the ledger and run the audits the target lets the suite do.
 */
final class Verification {

    private final Target target;
    private final SuiteConfig config;
    private final Ledger ledger;
    private final Observations observations;
    private final Reconciler reconciler;
    private final long runStartNanos;

    Verification(Target target, SuiteConfig config, Ledger ledger, OrdersHttp http, Observations observations, long runStartNanos) {
        this.target = target;
        this.config = config;
        this.ledger = ledger;
        this.observations = observations;
        this.reconciler = new Reconciler(ledger, new HttpReadSide(http, observations, ledger.acknowledgedById()));
        this.runStartNanos = runStartNanos;
    }

    /** Waits, within the quiescence timeout from now, for no lag and then for a settled read side; into the report. */
    void settle(SuiteReport report, ConsumerLag lag) {
        long from = System.nanoTime();
        long deadline = from + config.quiescence().toNanos();
        lag.freshAfter(Instant.now());
        Map<String, Long> lags = awaitNoLag(lag, deadline, report);
        boolean quiet = awaitQuiescence(deadline);
        report.quiescence(quiet, Duration.ofNanos(System.nanoTime() - from), lags, lag.source());
        log(quiet ? "quiescent after " + (System.nanoTime() - from) / 1_000_000 + " ms" : "NOT quiescent");
    }

    /** The final comparison of every read model, the read checks and the audits; into the report. */
    void reconcileAndAudit(SuiteReport report) {
        try {
            report.reconciliation(reconciler.reconcile());
        } catch (RuntimeException e) {
            report.error("the final reconciliation failed: " + e);
        }
        report.observations(observations.regressions(), observations.wrongIntermediates());
        if (target.kafka().isPresent()) {
            try {
                report.topic(TopicAudit.read(target.kafka().get(), config.topic(), ledger.acknowledgedById()));
            } catch (RuntimeException e) {
                report.error("could not read the topic for the audit: " + e);
            }
            report.deadLetters(deadLetters(target.kafka().get()));
        } else {
            report.topicNotRun("the suite has no access to Kafka (--kafka-bootstrap)");
        }
        if (target.database().isPresent()) {
            report.writeModel(WriteModelAudit.read(target.database().get(), ledger.customers(), ledger.acknowledgedById()));
        } else {
            report.writeModelNotRun("the suite has no access to PostgreSQL (--jdbc-url)");
        }
    }

    /**
     * Waits until every view is final, then until every listing and summary agrees (each at least a minute, or the
     * whole timeout if shorter, even past the quiescence deadline); answers whether both happened.
     */
    private boolean awaitQuiescence(long deadlineNanos) {
        AtomicReference<Set<String>> waiting = new AtomicReference<>(null);
        AtomicInteger sweeps = new AtomicInteger();
        try {
            await("every acknowledged command visible").atMost(atLeastAMinute(deadlineNanos)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> {
                        waiting.set(reconciler.notYetFinal(waiting.get()));
                        if (sweeps.incrementAndGet() % 10 == 1) {
                            log(waiting.get().size() + " orders not yet at their final version on the query side");
                        }
                        return waiting.get().isEmpty();
                    });
            await("listings and summaries in agreement").atMost(atLeastAMinute(deadlineNanos)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> reconciler.reconcile().settled());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Waits (within the deadline) until no consumer group has records left to commit; answers the last lag of each. */
    private Map<String, Long> awaitNoLag(ConsumerLag lag, long deadlineNanos, SuiteReport report) {
        SortedMap<String, Long> lags = new TreeMap<>();
        AtomicInteger polls = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            await("no consumer lag").atMost(atLeastAMinute(deadlineNanos)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        try {
                            SortedMap<String, Long> now = lag.lagByGroup();
                            lags.clear();
                            lags.putAll(now);
                            failure.set(null);
                        } catch (RuntimeException e) {
                            failure.set(e);
                            return false;
                        }
                        if (polls.incrementAndGet() % 15 == 1) {
                            log("records not yet committed by the consumer groups: " + lags);
                        }
                        return !lags.isEmpty() && lags.values().stream().allMatch(records -> records == 0);
                    });
        } catch (ConditionTimeoutException e) {
            if (failure.get() != null) {
                report.error("could not read the consumer lag (" + lag.source() + "): " + failure.get().getMessage());
            }
        }
        return lags;
    }

    private String deadLetters(String bootstrapServers) {
        String topic = config.topic() + ".DLT";
        try (KafkaGroups groups = KafkaGroups.connect(bootstrapServers)) {
            Map<Integer, Long> end = groups.endOffsets(topic);
            Map<Integer, Long> begin = groups.beginningOffsets(topic);
            long records = end.entrySet().stream().mapToLong(entry -> entry.getValue() - begin.getOrDefault(entry.getKey(), 0L)).sum();
            return records + " record(s) on " + topic + " (whole topic, all runs)";
        } catch (RuntimeException e) {
            return topic + " not readable (" + e.getMessage() + ")";
        }
    }

    /** What is left until the deadline, but at least a minute (or the whole quiescence timeout, if shorter). */
    private Duration atLeastAMinute(long deadlineNanos) {
        long floor = Math.min(Duration.ofMinutes(1).toNanos(), config.quiescence().toNanos());
        return Duration.ofNanos(Math.max(floor, deadlineNanos - System.nanoTime()));
    }

    private void log(String message) {
        RunLog.log(runStartNanos, message);
    }
}
