package dev.cqrs.orders.qa.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.cqrs.orders.qa.faults.FaultEvent;
import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.readside.Category;

/**
 * The judgement of a run: a list of named checks, each passed, failed (with its reasons) or skipped (with why it
 * could not run). Any failure fails the run. Skips are only for what the target does not let the suite see (no
 * Kafka or PostgreSQL access) or what a {@code --reconcile} run has not done (load, faults); never for missing data
 * that a run should have produced.
 */
public record Verdict(List<Check> checks) {

    /** One check of the verdict; {@code skipped} is null unless it could not run. */
    public record Check(String name, List<String> failures, String skipped) {

        public boolean passed() {
            return skipped == null && failures.isEmpty();
        }
    }

    public static Verdict of(SuiteReport b) {
        return new Builder(b).build();
    }

    public List<String> failures() {
        return checks.stream().flatMap(check -> check.failures().stream()).toList();
    }

    private static final class Builder {

        private final SuiteReport b;
        private final Map<String, Long> counts;
        private final boolean run;
        private final List<Check> checks = new ArrayList<>();

        Builder(SuiteReport b) {
            this.b = b;
            this.counts = Counts.of(b);
            this.run = b.mode == SuiteReport.Mode.RUN;
        }

        Verdict build() {
            check("the run completed without errors", List.copyOf(b.errors));
            if (run) {
                long acknowledged = counts.get("acknowledged");
                check("enough orders acknowledged", acknowledged < b.config.minOrders()
                        ? List.of("only " + acknowledged + " of " + b.ledger.orders().size() + " orders were acknowledged (at least "
                                + b.config.minOrders() + " needed)" + (b.loadEndedEarly == null ? "" : ": " + b.loadEndedEarly))
                        : List.of());
            } else {
                skip("enough orders acknowledged", "a --reconcile run places no orders");
            }
            orders();
            summaries();
            check("the read side became quiescent", b.quiet ? List.of()
                    : List.of("the read side did not settle within " + b.config.quiescence().toSeconds()
                            + " s (what still disagreed when the wait ended is in the other checks)"));
            lag();
            if (run) {
                client();
                faults();
            } else {
                for (String name : List.of("the client got only answers a disciplined client may get",
                        "every command was sent and got a definite answer", "read-your-writes kept its promise",
                        "faults injected as planned")) {
                    skip(name, "a --reconcile run sends no commands and injects no faults");
                }
            }
            reads();
            topic();
            writeModel();
            return new Verdict(List.copyOf(checks));
        }

        private void orders() {
            List<String> failures = new ArrayList<>();
            if (b.reconciliation == null) {
                failures.add("no reconciliation: the read side was never compared with the ledger");
            }
            for (Category category : List.of(Category.LOST, Category.DOUBLED, Category.STUCK, Category.WRONG, Category.PHANTOM)) {
                long count = counts.get(Counts.key(category));
                if (count > 0) {
                    failures.add(count + " " + Counts.key(category) + " order(s)");
                }
            }
            check("every acknowledged order on the read side exactly once, as the ledger says", failures);
        }

        private void summaries() {
            long mismatches = counts.get("summaryMismatches");
            List<String> failures = new ArrayList<>();
            if (b.reconciliation != null && b.reconciliation.summariesChecked() < b.ledger.customers().size()) {
                failures.add("only " + b.reconciliation.summariesChecked() + " of " + b.ledger.customers().size()
                        + " customer summaries were compared");
            }
            if (mismatches > 0) {
                failures.add(mismatches + " customer summar" + (mismatches == 1 ? "y disagrees" : "ies disagree")
                        + " with the ledger (counts by status or totals per currency)");
            }
            check("every customer summary agrees with the ledger", b.reconciliation == null
                    ? List.of("no reconciliation: no summary was compared") : failures);
        }

        private void lag() {
            List<String> failures = new ArrayList<>();
            if (b.lags.isEmpty()) {
                failures.add("no consumer group of the query service was found (" + b.lagSource + "): the lag check could not run");
            }
            b.lags.forEach((group, lag) -> {
                if (lag > 0) {
                    failures.add("consumer group " + group + " still lags " + lag + " record(s): stuck");
                }
            });
            check("the consumers caught up (no lag)", failures);
        }

        private void client() {
            List<String> failures = new ArrayList<>();
            if (counts.get("clientErrors") > 0) {
                failures.add(counts.get("clientErrors") + " order(s) got answers a disciplined client must not get");
            }
            if (counts.get("unresolvedCreates") > 0) {
                failures.add(counts.get("unresolvedCreates") + " create(s) never got a definite answer: phantoms cannot be told apart");
            }
            check("the client got only answers a disciplined client may get", failures);

            List<String> unanswered = new ArrayList<>();
            if (counts.get("neverSent") > 0) {
                unanswered.add(counts.get("neverSent") + " command(s) never reached the command service within the command"
                        + " deadline: the run did not exercise them");
            }
            long acknowledged = counts.get("acknowledged");
            long ambiguous = counts.get("ambiguous");
            long allowed = (long) Math.floor(b.config.maxAmbiguousShare() * acknowledged);
            if (ambiguous > allowed) {
                unanswered.add(String.format(Locale.ROOT, "%d of %d acknowledged orders end with a command whose outcome stayed"
                        + " unknown (%.2f %%); at most %d (%.2f %%) may", ambiguous, acknowledged,
                        100.0 * ambiguous / Math.max(1, acknowledged), allowed, 100 * b.config.maxAmbiguousShare()));
            }
            check("every command was sent and got a definite answer", unanswered);

            List<String> promises = new ArrayList<>();
            if (b.readYourWrites == null) {
                promises.add("no read-your-writes result");
            } else {
                b.readYourWrites.violations().stream().limit(20).forEach(violation -> promises.add("read-your-writes: " + violation));
                if (b.config.readYourWritesShare() > 0 && b.readYourWrites.reads() == 0 && counts.get("commandsAcknowledged") > 0) {
                    promises.add("no read-your-writes read was made although commands were acknowledged");
                }
            }
            check("read-your-writes kept its promise", promises);
        }

        private void reads() {
            List<String> failures = new ArrayList<>();
            if (counts.get("readRegressions") > 0) {
                failures.add(counts.get("readRegressions") + " read(s) showed an older version after a newer one");
            }
            if (counts.get("wrongIntermediateViews") > 0) {
                failures.add(counts.get("wrongIntermediateViews") + " view(s) had a status the ledger rules out for their version");
            }
            check("reads never went back and never showed a state the ledger rules out", failures);
        }

        private void faults() {
            String name = "faults injected as planned";
            if (b.plan.isEmpty()) {
                skip(name, "no fault planned (fault driver " + b.driver + ", " + b.config.faults() + " faults)");
                return;
            }
            List<String> failures = new ArrayList<>();
            b.faults.stream().filter(fault -> fault.error() != null)
                    .forEach(fault -> failures.add("fault " + fault.number() + " " + fault.kind() + " failed: " + fault.error()));
            if (b.faults.size() < b.plan.size()) {
                failures.add("only " + b.faults.size() + " of " + b.plan.size() + " planned faults were injected");
            }
            Set<FaultKind> missing = EnumSet.noneOf(FaultKind.class);
            missing.addAll(b.plan);
            b.faults.forEach(fault -> missing.remove(fault.kind()));
            if (!missing.isEmpty()) {
                failures.add("planned fault kinds never injected: " + missing);
            }
            for (FaultEvent fault : b.faults) {
                if (fault.kind() == FaultKind.REWIND_QUERY_OFFSETS && fault.error() == null && fault.recordsRewound() == 0) {
                    failures.add("fault " + fault.number() + " REWIND_QUERY_OFFSETS rewound 0 records: no duplicate was delivered");
                }
            }
            long missed = counts.get("faultsWithoutTheirMoment");
            long allowed = (long) Math.floor(b.config.maxMissedMomentShare() * b.faults.size());
            if (missed > allowed) {
                failures.add(String.format(Locale.ROOT, "%d of %d faults were injected without their moment (no load, no request"
                        + " in flight, no record pending or no 2xx to kill after); at most %d may", missed, b.faults.size(), allowed));
            }
            check(name, failures);
        }

        private void topic() {
            String name = "the topic holds every acknowledged event once per version (topic audit)";
            if (!ran(name, b.topic, b.topicNotRun, "the topic audit")) {
                return;
            }
            List<String> failures = new ArrayList<>();
            if (!b.topic.conflicting().isEmpty()) {
                failures.add(b.topic.conflicting().size() + " order version(s) published as different events");
            }
            if (!b.topic.gaps().isEmpty()) {
                failures.add(b.topic.gaps().size() + " order(s) with a gap in their versions on the topic");
            }
            if (!b.topic.behindLedger().isEmpty()) {
                failures.add(b.topic.behindLedger().size() + " order(s) with fewer versions on the topic than the ledger acknowledged");
            }
            check(name, failures);
        }

        private void writeModel() {
            String name = "the write model agrees with the ledger (write-model audit)";
            if (!ran(name, b.writeModel, b.writeModelNotRun, "the write-model audit")) {
                return;
            }
            List<String> failures = new ArrayList<>();
            if (b.writeModel.error() != null) {
                failures.add("the write model could not be read: " + b.writeModel.error());
            }
            if (!b.writeModel.disagreements().isEmpty()) {
                failures.add(b.writeModel.disagreements().size() + " order(s) whose committed state the ledger does not allow");
            }
            if (!b.writeModel.unknown().isEmpty()) {
                failures.add(b.writeModel.unknown().size() + " order(s) of the run's customers the ledger never got an id for");
            }
            check(name, failures);
        }

        /**
         * Whether an audit has a result to judge; if not, its check is skipped when the target gave no access (the
         * reason is known), and failed otherwise: an audit that should have run is no pass.
         */
        private boolean ran(String name, Object result, String notRun, String audit) {
            if (result != null) {
                return true;
            }
            if (notRun != null) {
                skip(name, notRun);
            } else {
                check(name, List.of(audit + " did not run"));
            }
            return false;
        }

        private void check(String name, List<String> failures) {
            checks.add(new Check(name, List.copyOf(failures), null));
        }

        private void skip(String name, String why) {
            checks.add(new Check(name, List.of(), why));
        }
    }
}
