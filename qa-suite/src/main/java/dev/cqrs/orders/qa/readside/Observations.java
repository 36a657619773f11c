package dev.cqrs.orders.qa.readside;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderStatus;

/**
 * Every view of an order the suite reads, checked as it is read: the version of an order never goes back (a read
 * that started after another read had ended never shows an older version), and the status at a version is the
 * one the ledger says the command with that version produced ("in order").
 */
public final class Observations {

    private record Seen(long version, long answeredNanos) {
    }

    private final Map<String, Seen> highest = new ConcurrentHashMap<>();
    private final List<String> regressions = new ArrayList<>();
    private final List<String> wrongIntermediates = new ArrayList<>();

    /** A view of {@code version} / {@code status}, read by a request sent at {@code sentNanos} and answered at {@code answeredNanos}. */
    public void observe(OrderRecord order, String orderId, long version, OrderStatus status, long sentNanos, long answeredNanos) {
        Seen[] before = new Seen[1];
        highest.compute(orderId, (id, old) -> {
            before[0] = old;
            return old == null || version > old.version() ? new Seen(version, answeredNanos) : old;
        });
        if (before[0] != null && version < before[0].version() && sentNanos > before[0].answeredNanos()) {
            synchronized (this) {
                regressions.add(orderId + ": version " + version + " read after version " + before[0].version() + " had been read");
            }
        }
        order.statusAt(version).filter(expected -> expected != status).ifPresent(expected -> {
            synchronized (this) {
                wrongIntermediates.add(orderId + ": status " + status + " at version " + version + ", the ledger says " + expected);
            }
        });
    }

    public synchronized List<String> regressions() {
        return List.copyOf(regressions);
    }

    public synchronized List<String> wrongIntermediates() {
        return List.copyOf(wrongIntermediates);
    }
}
