package dev.cqrs.orders.qa.readside;

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

import dev.cqrs.orders.qa.ledger.Ledger;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderSpec;
import dev.cqrs.orders.qa.ledger.OrderStatus;

/**
 * Compares the ledger with every read model. Per acknowledged order: {@code GET /orders/{id}} shows it, at its last
 * acknowledged version (or either version of an ambiguous command), with the status, total, lines, currency and
 * reason the ledger expects. Per customer: the listings ({@link ListingCheck}) and the summary ({@link SummaryCheck}).
 */
public final class Reconciler {

    private final Ledger ledger;
    private final ReadSide readSide;

    public Reconciler(Ledger ledger, ReadSide readSide) {
        this.ledger = ledger;
        this.readSide = readSide;
    }

    /**
     * Checks the views of {@code ids} only (null: of every acknowledged order), without listings: answers the
     * ids that are not final yet (lost or behind; wrong ones are final, waiting cannot fix them).
     */
    public Set<String> notYetFinal(Set<String> ids) {
        Set<String> waiting = new TreeSet<>();
        for (OrderRecord order : ledger.orders()) {
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

    /** The full comparison: every view, every listing and every customer's summary. */
    public Reconciliation reconcile() {
        List<Problem> problems = new ArrayList<>();
        int visible = 0;
        Map<String, List<OrderRecord>> byCustomer = new LinkedHashMap<>();
        ledger.customers().forEach(customer -> byCustomer.put(customer, new ArrayList<>()));
        Map<String, OrderStatus> shown = new HashMap<>();
        for (OrderRecord order : ledger.acknowledgedById().values()) {
            String id = order.orderId().orElseThrow();
            byCustomer.computeIfAbsent(order.spec().customerId(), customer -> new ArrayList<>()).add(order);
            Optional<ReadSide.View> view = checkView(order, id, problems);
            if (view.isPresent()) {
                visible++;
                shown.put(id, view.get().status());
            }
        }
        Map<String, String> listingCounts = new LinkedHashMap<>();
        ListingCheck listings = new ListingCheck(readSide);
        SummaryCheck summaries = new SummaryCheck(readSide);
        byCustomer.forEach((customer, orders) -> {
            listingCounts.put(customer, listings.check(customer, orders, problems));
            summaries.check(customer, orders, shown, problems);
        });
        Map<Category, Set<String>> bySubject = new EnumMap<>(Category.class);
        for (Problem problem : problems) {
            bySubject.computeIfAbsent(problem.category(), category -> new TreeSet<>()).add(problem.subject());
        }
        return new Reconciliation(byCustomer.values().stream().mapToInt(List::size).sum(), visible, bySubject,
                List.copyOf(problems), listingCounts, byCustomer.size());
    }

    /** Checks one view; answers it when the order is visible at all. */
    private Optional<ReadSide.View> checkView(OrderRecord order, String orderId, List<Problem> problems) {
        OrderSpec spec = order.spec();
        String document = Problem.view(orderId);
        Optional<ReadSide.View> found = readSide.view(orderId);
        if (found.isEmpty()) {
            problems.add(new Problem(Category.LOST, orderId, spec.customerId(), document,
                    "not visible: GET /orders/" + orderId + " is 404; expected " + expected(order)));
            return found;
        }
        ReadSide.View view = found.get();
        Category state = judge(order, view.version(), view.status());
        if (state != null) {
            problems.add(new Problem(state, orderId, spec.customerId(), document,
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
            problems.add(new Problem(Category.WRONG, orderId, spec.customerId(), document,
                    "view shows " + String.join(", ", differences)));
        }
        return found;
    }

    /** Null when {@code version}/{@code status} is a final state the ledger allows; else how it is off. */
    public static Category judge(OrderRecord order, long version, OrderStatus status) {
        if (order.acceptsFinal(version, status)) {
            return null;
        }
        if (version < order.finalVersion()) {
            // Behind is only "stuck" if what it shows is a state the order went through.
            return order.statusAt(version).map(past -> past == status ? Category.STUCK : Category.WRONG).orElse(Category.STUCK);
        }
        return Category.WRONG;
    }

    static String expected(OrderRecord order) {
        return order.ambiguousOutcome()
                ? "version " + order.finalVersion() + " or " + order.highestFinalVersion() + " (ambiguous) " + order.finalStatuses()
                : "version " + order.finalVersion() + " " + order.finalStatuses().iterator().next();
    }
}
