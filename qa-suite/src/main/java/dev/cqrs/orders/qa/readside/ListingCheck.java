package dev.cqrs.orders.qa.readside;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderStatus;

/**
 * One customer's listings ({@code GET /orders?customerId=}, whole and by status) against the ledger: each acknowledged
 * order exactly once, up to date, under its final status and no other; no order the run never created.
 */
final class ListingCheck {

    private final ReadSide readSide;

    ListingCheck(ReadSide readSide) {
        this.readSide = readSide;
    }

    /** Adds what is wrong to {@code problems}; answers "n listed / m acknowledged". */
    String check(String customer, List<OrderRecord> orders, List<Problem> problems) {
        Map<String, OrderRecord> expected = new HashMap<>();
        orders.forEach(order -> expected.put(order.orderId().orElseThrow(), order));
        List<ReadSide.Summary> listed = readSide.list(customer, null);
        Map<String, Integer> times = new HashMap<>();
        for (ReadSide.Summary summary : listed) {
            int seen = times.merge(summary.orderId(), 1, Integer::sum);
            OrderRecord order = expected.get(summary.orderId());
            String document = Problem.listing(summary.orderId());
            if (order == null) {
                if (seen == 1) {
                    problems.add(new Problem(Category.PHANTOM, summary.orderId(), customer, document,
                            "listed (" + summary.status() + ", version " + summary.version() + ") but never created by this run"));
                }
                continue;
            }
            if (seen == 2) {
                problems.add(new Problem(Category.DOUBLED, summary.orderId(), customer, document,
                        "listed more than once for " + customer));
            }
            Category state = Reconciler.judge(order, summary.version(), summary.status());
            if (state != null && seen == 1) {
                problems.add(new Problem(state, summary.orderId(), customer, document, "listing shows version "
                        + summary.version() + " " + summary.status() + ", expected " + Reconciler.expected(order)));
            }
            if (summary.totalCents() != order.spec().totalCents() && seen == 1) {
                problems.add(new Problem(Category.WRONG, summary.orderId(), customer, document,
                        "listing shows totalCents " + summary.totalCents() + " instead of " + order.spec().totalCents()));
            }
        }
        expected.forEach((id, order) -> {
            if (!times.containsKey(id)) {
                problems.add(new Problem(Category.STUCK, id, customer, Problem.listing(id), "not in the listing of " + customer));
            }
        });
        checkStatusListings(customer, expected, problems);
        return listed.size() + " listed / " + expected.size() + " acknowledged";
    }

    private void checkStatusListings(String customer, Map<String, OrderRecord> expected, List<Problem> problems) {
        Map<String, List<OrderStatus>> listedUnder = new HashMap<>();
        for (OrderStatus status : OrderStatus.values()) {
            for (ReadSide.Summary summary : readSide.list(customer, status)) {
                listedUnder.computeIfAbsent(summary.orderId(), id -> new ArrayList<>()).add(status);
                if (summary.status() != status) {
                    problems.add(new Problem(Category.WRONG, summary.orderId(), customer, Problem.listing(summary.orderId()),
                            "the " + status + " listing has it with status " + summary.status()));
                }
            }
        }
        expected.forEach((id, order) -> {
            List<OrderStatus> under = listedUnder.getOrDefault(id, List.of());
            if (under.size() > 1) {
                problems.add(new Problem(Category.DOUBLED, id, customer, Problem.listing(id), "listed under several statuses: " + under));
            } else if (under.isEmpty() || !order.finalStatuses().contains(under.get(0))) {
                problems.add(new Problem(Category.STUCK, id, customer, Problem.listing(id), "status listings have it under " + under
                        + ", expected " + order.finalStatuses()));
            }
        });
    }
}
