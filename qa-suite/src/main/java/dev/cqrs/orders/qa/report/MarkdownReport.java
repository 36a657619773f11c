package dev.cqrs.orders.qa.report;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cqrs.orders.qa.faults.FaultEvent;
import dev.cqrs.orders.qa.faults.FaultInjector;
import dev.cqrs.orders.qa.readside.Problem;

/** The report for people: what ran against what, the verdict's checks, the counts, the faults, the delays, the problems. */
final class MarkdownReport {

    private static final int LISTED_PROBLEMS = 40;

    private final SuiteReport b;
    private final Map<String, Long> counts;
    private final Verdict verdict;
    private final Delays delays;
    private final Evidence evidence;
    private final StringBuilder md = new StringBuilder();

    MarkdownReport(SuiteReport b) {
        this.b = b;
        this.counts = Counts.of(b);
        this.verdict = Verdict.of(b);
        this.delays = Delays.of(b);
        this.evidence = new Evidence(b);
    }

    String render() {
        boolean passed = verdict.failures().isEmpty();
        md.append("# ").append(b.mode == SuiteReport.Mode.RUN ? "QA run " : "Reconciliation of run ").append(b.ledger.runId())
                .append(": ").append(passed ? "PASSED" : "FAILED").append("\n\n");
        md.append("Target: ").append(b.target).append(". Fault driver: ").append(b.driver).append(".\n\n");
        md.append("| orders | clients | faults | seed | customers | rate | started | duration | load | quiescence | throughput |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | ≤ %.0f/s | %s | %.1f s | %.1f s | %.1f s | %.1f commands/s, %.1f orders/s |%n%n",
                b.ledger.orders().size(), b.config.clients(), b.plan.size(), b.config.seed(), b.ledger.customers().size(),
                b.config.rate(), b.startedAt == null ? "-" : b.startedAt.truncatedTo(ChronoUnit.SECONDS), seconds(b.duration),
                seconds(b.loadDuration), seconds(b.quiescenceDuration),
                perSecond(counts.get("commandsAcknowledged"), b.loadDuration), perSecond(counts.get("acknowledged"), b.loadDuration)));
        if (b.loadEndedEarly != null) {
            md.append("The load ended early: ").append(b.loadEndedEarly).append(".\n\n");
        }
        checks();
        countsSection();
        if (b.mode == SuiteReport.Mode.RUN) {
            faults();
            delaySection();
        }
        readSide();
        problems();
        md.append("## Verdict\n\n");
        if (passed) {
            md.append("PASSED: every acknowledged command is on the read side exactly once, in order, in every read model;"
                    + " no phantom, nothing stuck.\n");
        } else {
            verdict.failures().forEach(failure -> md.append("- FAILED: ").append(failure).append('\n'));
        }
        return md.toString();
    }

    private void checks() {
        md.append("## Checks\n\n| check | result |\n|---|---|\n");
        for (Verdict.Check check : verdict.checks()) {
            String result = check.skipped() != null ? "skipped: " + check.skipped()
                    : check.failures().isEmpty() ? "passed" : "**FAILED**: " + String.join("; ", check.failures());
            md.append("| ").append(check.name()).append(" | ").append(result.replace("|", "\\|")).append(" |\n");
        }
        md.append('\n');
    }

    private void countsSection() {
        md.append("## Counts\n\n");
        md.append("| acknowledged | visible | lost | doubled | stuck | wrong | phantom | summaries checked | summary mismatches | ambiguous |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n%n", counts.get("acknowledged"),
                counts.get("visible"), counts.get("lost"), counts.get("doubled"), counts.get("stuck"), counts.get("wrong"),
                counts.get("phantom"), counts.get("summariesChecked"), counts.get("summaryMismatches"), counts.get("ambiguous")));
        if (b.mode == SuiteReport.Mode.RUN) {
            md.append(String.format(Locale.ROOT,
                    "%d commands acknowledged (2xx) in all. %d creates were retried (same Idempotency-Key, same order), %d of them "
                            + "after an uncertain outcome (timeout, reset or 5xx). %d transitions had an uncertain outcome and were "
                            + "resolved by sending them again: %d had committed (the retry got 409), %d committed on the retry; %d stayed "
                            + "ambiguous. %d deliberately invalid transitions were refused with 409. Never reached a server before the "
                            + "deadline: %d; client errors: %d; unresolved creates: %d.%n%n",
                    counts.get("commandsAcknowledged"), counts.get("createsRetried"), counts.get("uncertainCreates"),
                    counts.get("uncertainCommands") - counts.get("uncertainCreates"), counts.get("uncertainCommittedEarlier"),
                    counts.get("uncertainCommittedOnRetry"), counts.get("ambiguous"), counts.get("refusedAsExpected"),
                    counts.get("neverSent"), counts.get("clientErrors"), counts.get("unresolvedCreates")));
        }
    }

    private void faults() {
        md.append("## Faults\n\n");
        if (b.plan.isEmpty()) {
            md.append("None planned (fault driver ").append(b.driver).append(").\n\n");
            return;
        }
        md.append("| # | kind | start | at (UTC) | duration | moment | what happened |\n|---:|---|---:|---|---:|---|---|\n");
        for (FaultEvent fault : b.faults) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %.1f s | %s | %.1f s | %s | %s%s |%n", fault.number(), fault.kind(),
                    fault.startMillis() / 1000.0, fault.startedAt().truncatedTo(ChronoUnit.MILLIS), fault.durationMillis() / 1000.0,
                    fault.momentMet() ? "met" : "**missed**", fault.detail(),
                    fault.error() == null ? "" : " **ERROR: " + fault.error() + "**"));
        }
        md.append('\n').append("By kind: ").append(FaultInjector.countByKind(b.faults)).append(". Records rewound in all: ")
                .append(counts.get("recordsRewound")).append(". Injected without their moment: ")
                .append(counts.get("faultsWithoutTheirMoment")).append(".\n\n");
    }

    private void delaySection() {
        md.append("## Commit→visible delay\n\n");
        md.append("From the 2xx at the client to the first read of the query side showing that version (sampled).\n\n");
        md.append("| acknowledged | samples | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n");
        row("**after the warm-up, faults included**", delays.afterWarmup());
        row("after the warm-up, before the first fault (baseline)", delays.baseline());
        row("during the warm-up (first " + b.config.warmup().toSeconds() + " s: JIT, caches)", delays.warmup());
        row("commit→published only (every event: record timestamp − occurredAt)", delays.published());
        row("read-your-writes answers that reached the version (request → answer)", delays.readYourWrites());
        md.append('\n');
        md.append("Acknowledgements not sampled: ").append(b.delaysSkipped).append(" (at most one per ")
                .append(b.config.sampleEvery().toMillis()).append(" ms, ").append(b.config.sampleCap())
                .append(" watched at once); still unseen at the end: ").append(b.delaysPending).append(". ")
                .append(b.plan.isEmpty() ? "" : "The tail comes from the faults: a kill -9 of the query service stalls its partitions"
                        + " until the dead consumers' session times out, a restarted relay needs seconds before it publishes again,"
                        + " and the backlog then drains while the load goes on. ")
                .append("Every sample: delays.csv; the consumers' backlog over time: lag.csv; every event's commit→published"
                        + " delay: publish.csv.\n\n");
        if (b.readYourWrites != null) {
            md.append(String.format(Locale.ROOT, "Read-your-writes (GET /orders/{id}?minVersion=, waitMs %d): %d reads, %d reached the "
                    + "version, %d answered stale (X-Read-Model-Stale: true), %d without an answer, %d broke the promise.%n%n",
                    b.config.readYourWritesWait().toMillis(), b.readYourWrites.reads(), b.readYourWrites.fresh(),
                    b.readYourWrites.stale(), b.readYourWrites.unavailable(), b.readYourWrites.violations().size()));
        }
    }

    private void row(String label, Percentiles p) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d ms | %d ms | %d ms | %d ms |%n", label, p.samples(), p.p50(), p.p95(),
                p.p99(), p.max()));
    }

    private void readSide() {
        md.append("## Read side, topic and write model\n\n");
        if (b.reconciliation != null) {
            md.append("- listings: ").append(b.reconciliation.listingCounts()).append('\n');
            md.append("- customer summaries compared: ").append(b.reconciliation.summariesChecked()).append(", disagreeing: ")
                    .append(counts.get("summaryMismatches")).append('\n');
        }
        md.append("- consumer lag (records not yet committed, from ").append(b.lagSource).append("): largest during the run ")
                .append(b.maxBacklog).append("; at the end ").append(b.lags).append("; dead letters: ").append(b.deadLetters)
                .append('\n');
        if (b.topic != null) {
            md.append(String.format(Locale.ROOT,
                    "- topic: %d records of this run's orders, %d of them redelivered duplicates (at-least-once after crashes); "
                            + "conflicting versions: %d; gaps: %d; behind the ledger: %d%n",
                    b.topic.records(), b.topic.redelivered(), b.topic.conflicting().size(), b.topic.gaps().size(),
                    b.topic.behindLedger().size()));
        } else {
            md.append("- topic: not audited (").append(b.topicNotRun).append(")\n");
        }
        evidence.killsAfterCommit().forEach(line -> md.append("- kill after commit: ").append(line).append('\n'));
        if (b.writeModel != null) {
            md.append(b.writeModel.error() != null ? "- write model: not readable: " + b.writeModel.error() + "\n"
                    : String.format(Locale.ROOT, "- write model (PostgreSQL): %d orders of the run's customers; disagreeing with the "
                            + "ledger: %d; unknown to the ledger: %d%n", b.writeModel.rows().size(),
                            b.writeModel.disagreements().size(), b.writeModel.unknown().size()));
        } else {
            md.append("- write model: not audited (").append(b.writeModelNotRun).append(")\n");
        }
        md.append("- read checks: ").append(b.regressions.size()).append(" reads went back in version, ")
                .append(b.wrongIntermediates.size()).append(" views had a status the ledger rules out for their version\n\n");
    }

    private void problems() {
        List<Problem> problems = evidence.problems();
        if (problems.isEmpty() && b.regressions.isEmpty() && b.wrongIntermediates.isEmpty()) {
            return;
        }
        md.append("## Problems (first ").append(LISTED_PROBLEMS).append(")\n\n");
        for (Problem problem : problems.subList(0, Math.min(LISTED_PROBLEMS, problems.size()))) {
            md.append("- **").append(problem.category()).append("** ").append(problem.subject()).append(" (document ")
                    .append(problem.document()).append("): ").append(problem.detail()).append('\n');
            evidence.of(problem).forEach(line -> md.append("  - ").append(line).append('\n'));
        }
        b.regressions.stream().limit(LISTED_PROBLEMS).forEach(line -> md.append("- **REGRESSION** ").append(line).append('\n'));
        b.wrongIntermediates.stream().limit(LISTED_PROBLEMS).forEach(line -> md.append("- **WRONG STATUS** ").append(line).append('\n'));
        md.append('\n');
    }

    static double seconds(Duration duration) {
        return duration == null ? 0 : duration.toMillis() / 1000.0;
    }

    static double perSecond(long count, Duration duration) {
        return duration == null || duration.isZero() ? 0 : count / (duration.toMillis() / 1000.0);
    }
}
