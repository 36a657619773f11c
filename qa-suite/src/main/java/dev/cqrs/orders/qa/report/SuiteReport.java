package dev.cqrs.orders.qa.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.qa.audit.TopicAudit;
import dev.cqrs.orders.qa.audit.WriteModelAudit;
import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.faults.FaultEvent;
import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.lag.LagSampler;
import dev.cqrs.orders.qa.ledger.Ledger;
import dev.cqrs.orders.qa.readside.ReadYourWrites;
import dev.cqrs.orders.qa.readside.Reconciliation;

/**
 * Everything a run found, collected while it goes on; {@link Verdict} judges it, {@link ReportFiles} writes it. A
 * {@link Mode#RECONCILE} run has no load and no faults: only what it read counts.
 */
public final class SuiteReport {

    /** A run with load (and faults), or a later check of a saved ledger. */
    public enum Mode { RUN, RECONCILE }

    final Mode mode;
    final SuiteConfig config;
    final Ledger ledger;
    final String target;
    final String driver;
    final List<FaultKind> plan;
    final List<String> errors = new ArrayList<>();
    Instant startedAt;
    Duration loadDuration;
    String loadEndedEarly;
    Duration quiescenceDuration;
    Duration duration;
    List<FaultEvent> faults = List.of();
    boolean quiet;
    Map<String, Long> lags = Map.of();
    String lagSource = "none";
    List<long[]> delayTimeline = List.of();
    List<LagSampler.Point> backlog = List.of();
    Map<String, Long> maxBacklog = Map.of();
    long delaysSkipped;
    long delaysPending;
    Reconciliation reconciliation;
    List<String> regressions = List.of();
    List<String> wrongIntermediates = List.of();
    ReadYourWrites.Result readYourWrites;
    TopicAudit.Result topic;
    String topicNotRun;
    WriteModelAudit.Result writeModel;
    String writeModelNotRun;
    String deadLetters = "not read";

    public SuiteReport(Mode mode, SuiteConfig config, Ledger ledger, String target, String driver, List<FaultKind> plan) {
        this.mode = mode;
        this.config = config;
        this.ledger = ledger;
        this.target = target;
        this.driver = driver;
        this.plan = List.copyOf(plan);
    }

    public Mode mode() {
        return mode;
    }

    public Ledger ledger() {
        return ledger;
    }

    public SuiteConfig config() {
        return config;
    }

    /** Why the run failed; empty when it passed. */
    public List<String> failures() {
        return Verdict.of(this).failures();
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    public synchronized void error(String error) {
        errors.add(error);
    }

    public void startedAt(Instant instant) {
        startedAt = instant;
    }

    public void load(Duration took, List<FaultEvent> injected, String endedEarly) {
        loadDuration = took;
        faults = List.copyOf(injected);
        loadEndedEarly = endedEarly;
    }

    public void quiescence(boolean reached, Duration took, Map<String, Long> groupLags, String source) {
        quiet = reached;
        quiescenceDuration = took;
        lags = Map.copyOf(groupLags);
        lagSource = source;
    }

    public void delays(List<long[]> samples, long skipped, long pending) {
        delayTimeline = List.copyOf(samples);
        delaysSkipped = skipped;
        delaysPending = pending;
    }

    public void backlog(List<LagSampler.Point> points, Map<String, Long> maxima) {
        backlog = List.copyOf(points);
        maxBacklog = Map.copyOf(maxima);
    }

    public void reconciliation(Reconciliation result) {
        reconciliation = result;
    }

    public void observations(List<String> readRegressions, List<String> wrongViews) {
        regressions = List.copyOf(readRegressions);
        wrongIntermediates = List.copyOf(wrongViews);
    }

    public void readYourWrites(ReadYourWrites.Result result) {
        readYourWrites = result;
    }

    public void topic(TopicAudit.Result result) {
        topic = result;
    }

    /** The topic audit could not run: the suite has no access to Kafka (a skipped check, said in the report). */
    public void topicNotRun(String why) {
        topicNotRun = why;
    }

    public void writeModel(WriteModelAudit.Result result) {
        writeModel = result;
    }

    /** The write-model audit could not run: the suite has no access to PostgreSQL (a skipped check). */
    public void writeModelNotRun(String why) {
        writeModelNotRun = why;
    }

    public void deadLetters(String text) {
        deadLetters = text;
    }

    public void ended(Duration took) {
        duration = took;
    }
}
