package dev.cqrs.orders.qa.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.qa.faults.FaultEvent;
import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderRecord.Outcome;
import dev.cqrs.orders.qa.readside.Category;
import dev.cqrs.orders.qa.readside.Reconciliation;

/** The run's figures by name, as the verdict judges them and the reports show them. */
final class Counts {

    private Counts() {
    }

    static Map<String, Long> of(SuiteReport b) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<OrderRecord> orders = b.ledger.orders();
        List<OrderRecord.Command> commands = orders.stream().flatMap(order -> order.commands().stream()).toList();
        Reconciliation r = b.reconciliation;
        counts.put("ordersPlanned", (long) orders.size());
        counts.put("acknowledged", b.ledger.acknowledged());
        counts.put("commandsAcknowledged", commands.stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED).count());
        counts.put("visible", r == null ? 0 : (long) r.visible());
        for (Category category : Category.values()) {
            counts.put(key(category), r == null ? 0 : (long) r.count(category));
        }
        counts.put("summariesChecked", r == null ? 0 : (long) r.summariesChecked());
        counts.put("ambiguous", orders.stream().filter(OrderRecord::ambiguousOutcome).count());
        counts.put("uncertainCommands", commands.stream().filter(OrderRecord.Command::uncertain).count());
        counts.put("uncertainCreates", commands.stream().filter(c -> c.uncertain() && c.name().equals("create")).count());
        counts.put("uncertainCommittedEarlier", commands.stream().filter(c -> c.outcome() == Outcome.COMMITTED_EARLIER).count());
        counts.put("uncertainCommittedOnRetry", commands.stream()
                .filter(c -> c.uncertain() && c.outcome() == Outcome.ACKNOWLEDGED && !c.name().equals("create")).count());
        counts.put("createsRetried", commands.stream().filter(c -> c.name().equals("create") && c.attempts() > 1).count());
        counts.put("refusedAsExpected", commands.stream().filter(c -> c.outcome() == Outcome.REFUSED_AS_EXPECTED).count());
        counts.put("neverSent", commands.stream().filter(c -> c.outcome() == Outcome.NEVER_SENT).count());
        counts.put("unresolvedCreates", orders.stream().filter(OrderRecord::createUnresolved).count());
        counts.put("clientErrors", orders.stream().filter(order -> !order.errors().isEmpty()).count());
        counts.put("readRegressions", (long) b.regressions.size());
        counts.put("wrongIntermediateViews", (long) b.wrongIntermediates.size());
        counts.put("readYourWritesReads", b.readYourWrites == null ? 0 : b.readYourWrites.reads());
        counts.put("readYourWritesFresh", b.readYourWrites == null ? 0 : b.readYourWrites.fresh());
        counts.put("readYourWritesStale", b.readYourWrites == null ? 0 : b.readYourWrites.stale());
        counts.put("readYourWritesViolations", b.readYourWrites == null ? 0 : (long) b.readYourWrites.violations().size());
        counts.put("faultsPlanned", (long) b.plan.size());
        counts.put("faultsInjected", (long) b.faults.size());
        counts.put("faultsWithoutTheirMoment", b.faults.stream().filter(fault -> !fault.momentMet()).count());
        counts.put("recordsRewound", b.faults.stream().mapToLong(FaultEvent::recordsRewound).sum());
        counts.put("rewindsOfNothing", b.faults.stream()
                .filter(fault -> fault.kind() == FaultKind.REWIND_QUERY_OFFSETS && fault.error() == null && fault.recordsRewound() == 0)
                .count());
        counts.put("topicRecords", b.topic == null ? 0 : b.topic.records());
        counts.put("topicRedelivered", b.topic == null ? 0 : b.topic.redelivered());
        return counts;
    }

    /** "lost", "doubled", ... "summaryMismatches". */
    static String key(Category category) {
        return category == Category.SUMMARY ? "summaryMismatches" : category.name().toLowerCase(java.util.Locale.ROOT);
    }
}
