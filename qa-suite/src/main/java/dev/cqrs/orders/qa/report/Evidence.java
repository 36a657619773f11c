package dev.cqrs.orders.qa.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.cqrs.orders.qa.faults.FaultEvent;
import dev.cqrs.orders.qa.load.Progress;
import dev.cqrs.orders.qa.readside.Problem;

/** What the ledger, the topic and the write model say about one order, and where each kill after a commit went. */
final class Evidence {

    private final SuiteReport b;

    Evidence(SuiteReport b) {
        this.b = b;
    }

    List<Problem> problems() {
        return b.reconciliation == null ? List.of() : b.reconciliation.problems();
    }

    List<String> of(Problem problem) {
        List<String> lines = new ArrayList<>();
        String orderId = problem.orderId();
        if (orderId == null) {
            return lines;
        }
        b.ledger.orders().stream().filter(order -> order.orderId().map(orderId::equals).orElse(false)).findFirst()
                .ifPresent(order -> lines.add("ledger: " + order.commands().stream()
                        .map(c -> c.name() + "→" + c.outcome() + " v" + c.version() + " @" + c.atMillis() + "ms"
                                + (c.attempts() > 1 ? " (" + c.attempts() + " attempts)" : ""))
                        .collect(Collectors.joining(", "))));
        if (b.topic != null) {
            lines.add("topic: " + b.topic.eventsOf(orderId));
        }
        if (b.writeModel != null && b.writeModel.rows().containsKey(orderId)) {
            lines.add("write model: " + b.writeModel.rows().get(orderId));
        }
        return lines;
    }

    /** For each kill right after a 2xx: was the acknowledged event published before the kill, or by the restarted relay? */
    List<String> killsAfterCommit() {
        List<String> lines = new ArrayList<>();
        for (FaultEvent fault : b.faults) {
            Progress.Ack ack = fault.killedAck();
            if (ack == null || fault.killedAt() == null) {
                continue;
            }
            String where = b.topic == null ? "topic not read" : b.topic.eventsOf(ack.orderId()).stream()
                    .filter(event -> event.version() == ack.version()).findFirst()
                    .map(event -> {
                        long ms = Duration.between(fault.killedAt(), event.timestamp()).toMillis();
                        return ms <= 0 ? "published " + (-ms) + " ms before the kill"
                                : String.format(Locale.ROOT, "published %.1f s after the kill (by the restarted relay)", ms / 1000.0);
                    }).orElse("NOT on the topic");
            lines.add("fault " + fault.number() + ": " + ack.command() + " of " + ack.orderId() + " v" + ack.version() + " " + where);
        }
        return lines;
    }
}
