package dev.cqrs.orders.e2e.chaos;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the ledger with the read side. Per acknowledged order: {@code GET /orders/{id}} shows it, at its last
 * acknowledged version (or either version of an ambiguous command), with the status, total, lines, currency and
 * reason the ledger expects; the customer's listing has it exactly once, up to date; the listing by its status has
 * it, and no other status listing does. And no listing has an order the ledger does not know (a phantom).
 */
final class Reconciler {

    /** What is wrong with an order. Waiting helps only {@link #LOST} and {@link #STUCK}. */
    enum Category {
        /** Acknowledged, but the query side does not know it. */
        LOST,
        /** Visible, but not (yet) at its final version, or missing from a listing. */
        STUCK,
        /** Listed more than once (or in more than one status listing). */
        DOUBLED,
        /** Shown with a state the ledger rules out: a version beyond the last acknowledged, a wrong status or total. */
        WRONG,
        /** Listed for a customer of the run, but never created by the run. */
        PHANTOM
    }

    record Problem(Category category, String orderId, String customerId, String detail) {
    }

    /**
     * The outcome of one comparison.
     *
     * @param acknowledged orders whose create was acknowledged
     * @param visible      of those, how many {@code GET /orders/{id}} shows
     * @param orders       per category, the orders (or phantom ids) with that problem
     */
    record Result(int acknowledged, int visible, Map<Category, Set<String>> orders, List<Problem> problems,
                  Map<String, String> listingCounts) {

        int count(Category category) {
            return orders.getOrDefault(category, Set.of()).size();
        }

        /** Nothing left that waiting could fix. */
        boolean settled() {
            return count(Category.LOST) == 0 && count(Category.STUCK) == 0;
        }

        boolean clean() {
            return problems.isEmpty();
        }
    }

    private final List<OrderRecord> ledger;
    private final List<String> customers;
    private final ReadSide readSide;

    Reconciler(List<OrderRecord> ledger, List<String> customers, ReadSide readSide) {
        this.ledger = ledger;
        this.customers = customers;
        this.readSide = readSide;
    }

    /**
     * Checks the views of {@code ids} only (null: of every acknowledged order), without listings: answers the
     * ids that are not final yet (lost or behind; wrong ones are final, waiting cannot fix them).
     */
    Set<String> notYetFinal(Set<String> ids) {
        Set<String> waiting = new TreeSet<>();
        for (OrderRecord order : ledger) {
            Optional<String> id = order.orderId();
            if (id.isEmpty() || ids != null && !ids.contains(id.get())) {
                continue;
            }
            List<Problem> problems = new ArrayList<>();
            checkView(order, id.get(), problems);
            if (problems.stream().anyMatch(p -> p.category() == Category.LOST || p.category() == Category.STUCK)) {
                waiting.add(id.get());
            }
        }
        return waiting;
    }

    /** The full comparison: every view and every listing. */
    Result reconcile() {
        List<Problem> problems = new ArrayList<>();
        int acknowledged = 0;
        int visible = 0;
        Map<String, List<OrderRecord>> byCustomer = new LinkedHashMap<>();
        customers.forEach(customer -> byCustomer.put(customer, new ArrayList<>()));
        for (OrderRecord order : ledger) {
            Optional<String> id = order.orderId();
            if (id.isEmpty()) {
                continue;
            }
            acknowledged++;
            byCustomer.computeIfAbsent(order.spec().customerId(), customer -> new ArrayList<>()).add(order);
            if (checkView(order, id.get(), problems)) {
                visible++;
            }
        }
        Map<String, String> listingCounts = new LinkedHashMap<>();
        byCustomer.forEach((customer, orders) -> checkListings(customer, orders, problems, listingCounts));
        Map<Category, Set<String>> byCategory = new EnumMap<>(Category.class);
        for (Problem problem : problems) {
            byCategory.computeIfAbsent(problem.category(), category -> new TreeSet<>()).add(problem.orderId());
        }
        return new Result(acknowledged, visible, byCategory, List.copyOf(problems), listingCounts);
    }

    /** Checks one view; answers whether the order is visible at all. */
    private boolean checkView(OrderRecord order, String orderId, List<Problem> problems) {
        OrderSpec spec = order.spec();
        Optional<ReadSide.View> found = readSide.view(orderId);
        if (found.isEmpty()) {
            problems.add(new Problem(Category.LOST, orderId, spec.customerId(),
                    "not visible: GET /orders/" + orderId + " is 404; expected " + expected(order)));
            return false;
        }
        ReadSide.View view = found.get();
        Category state = judge(order, view.version(), view.status());
        if (state != null) {
            problems.add(new Problem(state, orderId, spec.customerId(),
                    "view at version " + view.version() + " " + view.status() + ", expected " + expected(order)));
        }
        List<String> differences = new ArrayList<>();
        if (view.totalCents() != spec.totalCents()) {
            differences.add("totalCents " + view.totalCents() + " instead of " + spec.totalCents());
        }
        if (!spec.customerId().equals(view.customerId())) {
            differences.add("customerId " + view.customerId());
        }
        if (!spec.currency().equals(view.currency())) {
            differences.add("currency " + view.currency() + " instead of " + spec.currency());
        }
        List<ReadSide.Line> lines = spec.lines().stream()
                .map(line -> new ReadSide.Line(line.sku(), line.quantity(), line.unitPriceCents())).toList();
        if (!lines.equals(view.items())) {
            differences.add("items " + view.items() + " instead of " + lines);
        }
        if (view.status() == OrderStatus.CANCELLED && !Objects.equals(spec.cancellationReason(), view.cancellationReason())) {
            differences.add("cancellationReason '" + view.cancellationReason() + "'");
        }
        if (!differences.isEmpty()) {
            problems.add(new Problem(Category.WRONG, orderId, spec.customerId(), "view shows " + String.join(", ", differences)));
        }
        return true;
    }

    /** Null when {@code version}/{@code status} is a final state the ledger allows; else how it is off. */
    static Category judge(OrderRecord order, long version, OrderStatus status) {
        if (order.acceptsFinal(version, status)) {
            return null;
        }
        if (version < order.finalVersion()) {
            // Behind is only "stuck" if what it shows is a state the order went through.
            return order.statusAt(version).map(past -> past == status ? Category.STUCK : Category.WRONG).orElse(Category.STUCK);
        }
        return Category.WRONG;
    }

    private void checkListings(String customer, List<OrderRecord> orders, List<Problem> problems, Map<String, String> counts) {
        Map<String, OrderRecord> expected = new HashMap<>();
        orders.forEach(order -> expected.put(order.orderId().orElseThrow(), order));
        List<ReadSide.Summary> listed = readSide.list(customer, null);
        counts.put(customer, listed.size() + " listed / " + expected.size() + " acknowledged");
        Map<String, Integer> times = new HashMap<>();
        for (ReadSide.Summary summary : listed) {
            int seen = times.merge(summary.orderId(), 1, Integer::sum);
            OrderRecord order = expected.get(summary.orderId());
            if (order == null) {
                if (seen == 1) {
                    problems.add(new Problem(Category.PHANTOM, summary.orderId(), customer,
                            "listed (" + summary.status() + ", version " + summary.version() + ") but never created by this run"));
                }
                continue;
            }
            if (seen == 2) {
                problems.add(new Problem(Category.DOUBLED, summary.orderId(), customer, "listed more than once for " + customer));
            }
            Category state = judge(order, summary.version(), summary.status());
            if (state != null && seen == 1) {
                problems.add(new Problem(state, summary.orderId(), customer,
                        "listing shows version " + summary.version() + " " + summary.status() + ", expected " + expected(order)));
            }
            if (summary.totalCents() != order.spec().totalCents() && seen == 1) {
                problems.add(new Problem(Category.WRONG, summary.orderId(), customer,
                        "listing shows totalCents " + summary.totalCents() + " instead of " + order.spec().totalCents()));
            }
        }
        expected.forEach((id, order) -> {
            if (!times.containsKey(id)) {
                problems.add(new Problem(Category.STUCK, id, customer, "not in the listing of " + customer));
            }
        });
        Map<String, List<OrderStatus>> listedUnder = new HashMap<>();
        for (OrderStatus status : OrderStatus.values()) {
            for (ReadSide.Summary summary : readSide.list(customer, status)) {
                listedUnder.computeIfAbsent(summary.orderId(), id -> new ArrayList<>()).add(status);
                if (summary.status() != status) {
                    problems.add(new Problem(Category.WRONG, summary.orderId(), customer,
                            "the " + status + " listing has it with status " + summary.status()));
                }
            }
        }
        expected.forEach((id, order) -> {
            List<OrderStatus> under = listedUnder.getOrDefault(id, List.of());
            if (under.size() > 1) {
                problems.add(new Problem(Category.DOUBLED, id, customer, "listed under several statuses: " + under));
            } else if (under.isEmpty() || !order.finalStatuses().contains(under.get(0))) {
                problems.add(new Problem(Category.STUCK, id, customer, "status listings have it under " + under
                        + ", expected " + order.finalStatuses()));
            }
        });
    }

    private static String expected(OrderRecord order) {
        return order.ambiguousOutcome()
                ? "version " + order.finalVersion() + " or " + order.highestFinalVersion() + " (ambiguous) " + order.finalStatuses()
                : "version " + order.finalVersion() + " " + order.finalStatuses().iterator().next();
    }
}
