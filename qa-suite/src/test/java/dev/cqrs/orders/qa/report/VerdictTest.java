package dev.cqrs.orders.qa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cqrs.orders.qa.audit.TopicAudit;
import dev.cqrs.orders.qa.audit.WriteModelAudit;
import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.faults.FaultEvent;
import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.ledger.Ledger;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderRecord.Command;
import dev.cqrs.orders.qa.ledger.OrderRecord.Outcome;
import dev.cqrs.orders.qa.ledger.OrderSpec;
import dev.cqrs.orders.qa.ledger.Transition;
import dev.cqrs.orders.qa.readside.Category;
import dev.cqrs.orders.qa.readside.Problem;
import dev.cqrs.orders.qa.readside.ReadYourWrites;
import dev.cqrs.orders.qa.readside.Reconciliation;

/**
 * The verdict's blind spots, each planted into an otherwise clean run: the verdict must fail on every one of them,
 * and pass the clean run.
 */
class VerdictTest {

    private static final int ORDERS = 200;
    private static final List<FaultKind> PLAN = List.of(FaultKind.KILL_COMMAND, FaultKind.KILL_QUERY,
            FaultKind.REWIND_QUERY_OFFSETS, FaultKind.CRASH_POSTGRES, FaultKind.CRASH_KAFKA);

    private final List<OrderRecord> orders = new ArrayList<>();
    private SuiteReport report;

    @BeforeEach
    void aCleanRun() {
        report = run(SuiteReport.Mode.RUN, PLAN, 0);
        assertThat(report.failures()).as("the clean run passes").isEmpty();
    }

    /** A run of {@value #ORDERS} orders, the last {@code neverStarted} of them never started (the load ended first). */
    private SuiteReport run(SuiteReport.Mode mode, List<FaultKind> plan, int neverStarted) {
        orders.clear();
        for (int i = 0; i < ORDERS; i++) {
            OrderRecord order = new OrderRecord(new OrderSpec(i, "run-" + i, "run-c" + (i % 2), "EUR",
                    List.of(new OrderSpec.Line("A", 1, 100)), 0, List.of(), "why"));
            if (i < ORDERS - neverStarted) {
                order.created("id-" + i, 0, new Command("create", Outcome.ACKNOWLEDGED, 1, 201, 0, 1, false, ""));
            }
            orders.add(order);
        }
        SuiteConfig config = SuiteConfig.from(Map.of("orders", "" + ORDERS, "seed", "1")::get);
        SuiteReport b = new SuiteReport(mode, config, new Ledger("run", List.of("run-c0", "run-c1"), orders), "a target",
                "local", mode == SuiteReport.Mode.RUN ? plan : List.of());
        b.startedAt(Instant.parse("2026-01-01T00:00:00Z"));
        List<FaultEvent> events = new ArrayList<>();
        for (int i = 0; i < b.plan.size(); i++) {
            events.add(fault(i + 1, b.plan.get(i), true, b.plan.get(i) == FaultKind.REWIND_QUERY_OFFSETS ? 600 : 0));
        }
        if (mode == SuiteReport.Mode.RUN) {
            b.load(Duration.ofSeconds(60), events, null);
            b.readYourWrites(new ReadYourWrites.Result(20, 18, 2, 0, List.of(5L), List.of()));
        }
        b.quiescence(true, Duration.ofSeconds(5), Map.of("order-query.order-view", 0L), "Kafka");
        b.reconciliation(reconciliation(List.of()));
        b.topic(new TopicAudit.Result(ORDERS, 3, List.of(), List.of(), List.of(), Map.of(), List.of(), List.of()));
        b.writeModel(new WriteModelAudit.Result(Map.of(), List.of(), List.of(), null));
        b.ended(Duration.ofSeconds(70));
        return b;
    }

    private static FaultEvent fault(int number, FaultKind kind, boolean momentMet, long rewound) {
        return new FaultEvent(number, kind, number * 1000L, Instant.EPOCH, 500, "done", null, momentMet, null, null, rewound);
    }

    private Reconciliation reconciliation(List<Problem> problems) {
        Map<Category, Set<String>> bySubject = new EnumMap<>(Category.class);
        problems.forEach(problem -> bySubject.computeIfAbsent(problem.category(), c -> new java.util.TreeSet<>()).add(problem.subject()));
        return new Reconciliation(ORDERS, ORDERS, bySubject, problems, Map.of(), 2);
    }

    private List<String> failures() {
        return report.failures();
    }

    @Test
    void aCustomerSummaryThatDisagreesFails() {
        report.reconciliation(reconciliation(List.of(new Problem(Category.SUMMARY, null, "run-c1", "customer_summaries/run-c1",
                "summary of run-c1: ordersByStatus.CREATED is 101, the ledger says 100"))));
        assertThat(failures()).containsExactly("1 customer summary disagrees with the ledger (counts by status or totals per currency)");
    }

    @Test
    void summariesNotComparedForEveryCustomerFail() {
        report.reconciliation(new Reconciliation(ORDERS, ORDERS, Map.of(), List.of(), Map.of(), 1));
        assertThat(failures()).containsExactly("only 1 of 2 customer summaries were compared");
    }

    @Test
    void fewerAcknowledgedOrdersThanConfiguredFail() {
        report = run(SuiteReport.Mode.RUN, PLAN, 1);
        assertThat(failures()).containsExactly("only 199 of 200 orders were acknowledged (at least 200 needed)");
    }

    @Test
    void aPlannedFaultKindThatWasNeverInjectedFails() {
        List<FaultEvent> injected = new ArrayList<>(report.faults);
        injected.removeIf(fault -> fault.kind() == FaultKind.CRASH_KAFKA);
        report.load(report.loadDuration, injected, null);
        assertThat(failures()).containsExactly("only 4 of 5 planned faults were injected",
                "planned fault kinds never injected: [CRASH_KAFKA]");
    }

    @Test
    void tooManyAmbiguousOutcomesFailButAFewPass() {
        ambiguous(2); // 1 % of 200 may be ambiguous
        assertThat(failures()).isEmpty();
        ambiguous(1);
        assertThat(failures()).singleElement().asString()
                .startsWith("3 of 200 acknowledged orders end with a command whose outcome stayed unknown (1.50 %); at most 2");
    }

    private void ambiguous(int count) {
        orders.stream().filter(order -> !order.ambiguousOutcome()).limit(count)
                .forEach(order -> order.ambiguous(Transition.CONFIRM, new Command("confirm", Outcome.UNRESOLVED, 2, 0, 0, 3, true, "")));
    }

    @Test
    void aTransitionThatWasNeverSentFails() {
        orders.get(7).unchanged(new Command("confirm", Outcome.NEVER_SENT, 1, 0, 0, 40, false, "never connected"));
        assertThat(failures()).singleElement().asString().startsWith("1 command(s) never reached the command service");
    }

    @Test
    void aRewindOfNothingFails() {
        List<FaultEvent> injected = new ArrayList<>(report.faults);
        injected.replaceAll(fault -> fault.kind() == FaultKind.REWIND_QUERY_OFFSETS ? fault(fault.number(), fault.kind(), true, 0) : fault);
        report.load(report.loadDuration, injected, null);
        assertThat(failures()).containsExactly("fault 3 REWIND_QUERY_OFFSETS rewound 0 records: no duplicate was delivered");
    }

    @Test
    void faultsInjectedWithoutTheirMomentAreBounded() {
        report = run(SuiteReport.Mode.RUN, List.of(FaultKind.KILL_COMMAND, FaultKind.KILL_QUERY,
                FaultKind.KILL_QUERY, FaultKind.CRASH_MONGO, FaultKind.CRASH_KAFKA, FaultKind.KILL_COMMAND_AFTER_COMMIT,
                FaultKind.RESTART_KAFKA, FaultKind.RESTART_MONGO, FaultKind.RESTART_POSTGRES, FaultKind.CRASH_POSTGRES), 0);
        List<FaultEvent> injected = new ArrayList<>(report.faults);
        injected.set(1, fault(2, FaultKind.KILL_QUERY, false, 0)); // 20 % of 10 may miss
        injected.set(2, fault(3, FaultKind.KILL_QUERY, false, 0));
        report.load(report.loadDuration, injected, null);
        assertThat(failures()).isEmpty();
        injected.set(0, fault(1, FaultKind.KILL_COMMAND, false, 0));
        report.load(report.loadDuration, injected, null);
        assertThat(failures()).singleElement().asString().startsWith("3 of 10 faults were injected without their moment");
    }

    @Test
    void theTopicAuditIsPartOfTheVerdict() {
        report.topic(new TopicAudit.Result(ORDERS, 0, List.of("id-1 v2: 2 different events"), List.of("id-2: versions [1, 3]"),
                List.of("id-3: topic has up to v1, the ledger acknowledged v2"), Map.of(), List.of(), List.of()));
        assertThat(failures()).containsExactly("1 order version(s) published as different events",
                "1 order(s) with a gap in their versions on the topic",
                "1 order(s) with fewer versions on the topic than the ledger acknowledged");
    }

    @Test
    void aTopicAuditThatDidNotRunFailsUnlessTheTargetGivesNoKafka() {
        report.topic(null);
        assertThat(failures()).containsExactly("the topic audit did not run");
        report.topicNotRun("the suite has no access to Kafka (--kafka-bootstrap)");
        assertThat(failures()).isEmpty();
        assertThat(Verdict.of(report).checks()).anySatisfy(check -> assertThat(check.skipped()).contains("no access to Kafka"));
    }

    @Test
    void theWriteModelAuditIsPartOfTheVerdict() {
        report.writeModel(new WriteModelAudit.Result(Map.of(), List.of("id-4: write model has v1 CREATED, ledger expects v2 [CONFIRMED]"),
                List.of("id-9 (CREATED v1)"), null));
        assertThat(failures()).containsExactly("1 order(s) whose committed state the ledger does not allow",
                "1 order(s) of the run's customers the ledger never got an id for");
        report.writeModel(new WriteModelAudit.Result(Map.of(), List.of(), List.of(), "connection refused"));
        assertThat(failures()).containsExactly("the write model could not be read: connection refused");
        report.writeModel(null);
        assertThat(failures()).containsExactly("the write-model audit did not run");
    }

    @Test
    void noConsumerGroupFoundFailsTheLagCheck() {
        report.quiescence(true, Duration.ofSeconds(5), Map.of(), "Kafka at k:9092");
        assertThat(failures()).singleElement().asString().startsWith("no consumer group of the query service was found");
        report.quiescence(true, Duration.ofSeconds(5), Map.of("order-query.order-list", 4L), "Kafka at k:9092");
        assertThat(failures()).containsExactly("consumer group order-query.order-list still lags 4 record(s): stuck");
    }

    @Test
    void noReconciliationFails() {
        report.reconciliation(null);
        assertThat(failures()).contains("no reconciliation: the read side was never compared with the ledger",
                "no reconciliation: no summary was compared");
    }

    @Test
    void lostDoubledStuckWrongAndPhantomOrdersFail() {
        report.reconciliation(reconciliation(List.of(
                new Problem(Category.LOST, "id-1", "run-c1", "order_views/id-1", "404"),
                new Problem(Category.PHANTOM, "id-x", "run-c0", "order_summaries/id-x", "never created"))));
        assertThat(failures()).containsExactly("1 lost order(s)", "1 phantom order(s)");
    }

    @Test
    void aBrokenReadYourWritesPromiseFails() {
        report.readYourWrites(new ReadYourWrites.Result(20, 17, 2, 0, List.of(), List.of("id-5: version 1 for minVersion 2 without"
                + " X-Read-Model-Stale: true")));
        assertThat(failures()).singleElement().asString().startsWith("read-your-writes: id-5");
        report.readYourWrites(new ReadYourWrites.Result(0, 0, 0, 0, List.of(), List.of()));
        assertThat(failures()).containsExactly("no read-your-writes read was made although commands were acknowledged");
    }

    @Test
    void aReconcileRunJudgesWhatItReadAndSkipsLoadAndFaults() {
        report = run(SuiteReport.Mode.RECONCILE, PLAN, 0);
        assertThat(failures()).isEmpty();
        assertThat(Verdict.of(report).checks()).filteredOn(check -> check.skipped() != null).extracting(Verdict.Check::name)
                .containsExactlyInAnyOrder("enough orders acknowledged", "the client got only answers a disciplined client may get",
                        "every command was sent and got a definite answer", "read-your-writes kept its promise",
                        "faults injected as planned");
        report.reconciliation(reconciliation(List.of(new Problem(Category.SUMMARY, null, "run-c0", "customer_summaries/run-c0", "x"))));
        assertThat(failures()).isNotEmpty();
    }
}
