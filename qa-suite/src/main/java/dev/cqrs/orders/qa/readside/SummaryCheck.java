package dev.cqrs.orders.qa.readside;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderStatus;

/**
 * One customer's summary ({@code GET /customers/{id}/summary}) against the ledger: the number of orders in each
 * status, the order count, and per currency the total of the orders not cancelled (every currency of the customer's
 * orders is present, 0 when all are cancelled). An order whose last command stayed ambiguous counts with the status
 * its view shows, when that is one the ledger allows (the view is checked on its own); else with its last certain one.
 */
final class SummaryCheck {

    private final ReadSide readSide;

    SummaryCheck(ReadSide readSide) {
        this.readSide = readSide;
    }

    void check(String customer, List<OrderRecord> orders, Map<String, OrderStatus> shownStatus, List<Problem> problems) {
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status, 0L);
        }
        Map<String, Long> totals = new TreeMap<>();
        for (OrderRecord order : orders) {
            OrderStatus status = countedStatus(order, shownStatus.get(order.orderId().orElseThrow()));
            counts.merge(status, 1L, Long::sum);
            totals.merge(order.spec().currency(), status == OrderStatus.CANCELLED ? 0 : order.spec().totalCents(), Long::sum);
        }
        String document = Problem.summary(customer);
        Optional<ReadSide.CustomerSummary> found = readSide.summary(customer);
        if (found.isEmpty()) {
            if (!orders.isEmpty()) {
                problems.add(new Problem(Category.SUMMARY, null, customer, document, "GET /customers/" + customer
                        + "/summary is 404; expected " + orders.size() + " order(s) " + counts + ", totals " + totals));
            }
            return;
        }
        ReadSide.CustomerSummary summary = found.get();
        List<String> differences = new ArrayList<>();
        if (summary.orderCount() != orders.size()) {
            differences.add("orderCount is " + summary.orderCount() + ", the ledger has " + orders.size());
        }
        counts.forEach((status, expected) -> {
            long actual = summary.ordersByStatus().getOrDefault(status, 0L);
            if (actual != expected) {
                differences.add("ordersByStatus." + status + " is " + actual + ", the ledger says " + expected);
            }
        });
        if (!totals.equals(new TreeMap<>(summary.lifetimeTotalCents()))) {
            differences.add("lifetimeTotalCents is " + new TreeMap<>(summary.lifetimeTotalCents()) + ", the ledger says " + totals);
        }
        if (!differences.isEmpty()) {
            problems.add(new Problem(Category.SUMMARY, null, customer, document,
                    "summary of " + customer + ": " + String.join("; ", differences)));
        }
    }

    private static OrderStatus countedStatus(OrderRecord order, OrderStatus shown) {
        if (shown != null && order.finalStatuses().contains(shown)) {
            return shown;
        }
        return order.statusAt(order.finalVersion()).orElseThrow();
    }
}
