package dev.cqrs.orders.qa.readside;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cqrs.orders.qa.ledger.Ledger;
import dev.cqrs.orders.qa.ledger.OrderRecord;
import dev.cqrs.orders.qa.ledger.OrderRecord.Command;
import dev.cqrs.orders.qa.ledger.OrderRecord.Outcome;
import dev.cqrs.orders.qa.ledger.OrderSpec;
import dev.cqrs.orders.qa.ledger.OrderStatus;
import dev.cqrs.orders.qa.ledger.Transition;

class ReconcilerTest {

    /**
     * A read side kept in maps: views by id, the listing entries in order, and summaries that a correct projection
     * would derive from the views unless a test plants one.
     */
    private static final class FakeReadSide implements ReadSide {
        final Map<String, View> views = new HashMap<>();
        final List<Map.Entry<String, Summary>> listing = new ArrayList<>();
        final Map<String, CustomerSummary> plantedSummaries = new HashMap<>();

        @Override
        public Optional<View> view(String orderId) {
            return Optional.ofNullable(views.get(orderId));
        }

        @Override
        public List<Summary> list(String customerId, OrderStatus status) {
            return listing.stream().filter(entry -> entry.getKey().equals(customerId))
                    .map(Map.Entry::getValue).filter(summary -> status == null || summary.status() == status).toList();
        }

        @Override
        public Optional<CustomerSummary> summary(String customerId) {
            if (plantedSummaries.containsKey(customerId)) {
                return Optional.ofNullable(plantedSummaries.get(customerId));
            }
            List<View> mine = views.values().stream().filter(view -> view.customerId().equals(customerId)).toList();
            if (mine.isEmpty()) {
                return Optional.empty();
            }
            Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
            for (OrderStatus status : OrderStatus.values()) {
                counts.put(status, 0L);
            }
            Map<String, Long> totals = new TreeMap<>();
            mine.forEach(view -> {
                counts.merge(view.status(), 1L, Long::sum);
                totals.merge(view.currency(), view.status() == OrderStatus.CANCELLED ? 0 : view.totalCents(), Long::sum);
            });
            return Optional.of(new CustomerSummary(customerId, mine.size(), counts, totals));
        }

        void show(OrderRecord order, long version, OrderStatus status) {
            OrderSpec spec = order.spec();
            String id = order.orderId().orElseThrow();
            views.put(id, new View(id, spec.customerId(), status, version, spec.totalCents(), spec.currency(),
                    spec.lines().stream().map(line -> new Line(line.sku(), line.quantity(), line.unitPriceCents())).toList(),
                    status == OrderStatus.CANCELLED ? spec.cancellationReason() : null));
            listing.removeIf(entry -> entry.getValue().orderId().equals(id));
            list(order, version, status);
        }

        void list(OrderRecord order, long version, OrderStatus status) {
            listing.add(Map.entry(order.spec().customerId(), new Summary(order.orderId().orElseThrow(), status, version,
                    order.spec().totalCents(), order.spec().currency())));
        }
    }

    private final FakeReadSide readSide = new FakeReadSide();
    private final List<OrderRecord> orders = new ArrayList<>();
    private OrderRecord created;
    private OrderRecord shipped;

    @BeforeEach
    void twoAcknowledgedOrders() {
        created = order(0, "id-0");
        shipped = order(1, "id-1");
        shipped.committed(Transition.CONFIRM, new Command("confirm", Outcome.ACKNOWLEDGED, 2, 204, 0, 1, false, ""));
        shipped.committed(Transition.SHIP, new Command("ship", Outcome.ACKNOWLEDGED, 3, 204, 0, 1, false, ""));
        orders.add(new OrderRecord(OrderSpec.generate(2, "run", List.of("c"), 1, 0))); // never acknowledged: not expected
    }

    private OrderRecord order(int index, String id) {
        OrderRecord order = new OrderRecord(new OrderSpec(index, "run-" + index, "c", "EUR",
                List.of(new OrderSpec.Line("A", 2, 500)), 100, List.of(), "why"));
        order.created(id, 0, new Command("create", Outcome.ACKNOWLEDGED, 1, 201, 0, 1, false, ""));
        orders.add(order);
        return order;
    }

    private Reconciler reconciler() {
        return new Reconciler(new Ledger("run", List.of("c"), orders), readSide);
    }

    private Reconciliation reconcile() {
        return reconciler().reconcile();
    }

    private void showBothCorrectly() {
        readSide.show(created, 1, OrderStatus.CREATED);
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
    }

    @Test
    void aReadSideThatShowsEveryOrderOnceAtItsFinalVersionIsClean() {
        showBothCorrectly();
        Reconciliation result = reconcile();
        assertThat(result.problems()).isEmpty();
        assertThat(result.acknowledged()).isEqualTo(2);
        assertThat(result.visible()).isEqualTo(2);
        assertThat(result.summariesChecked()).isEqualTo(1);
        assertThat(result.settled()).isTrue();
    }

    @Test
    void anOrderTheQuerySideDoesNotKnowIsLost() {
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
        Reconciliation result = reconcile();
        assertThat(result.bySubject().get(Category.LOST)).containsExactly("id-0");
        assertThat(result.settled()).isFalse();
        assertThat(reconciler().notYetFinal(null)).containsExactly("id-0");
    }

    @Test
    void anOrderBehindItsLastAcknowledgedVersionIsStuck() {
        readSide.show(created, 1, OrderStatus.CREATED);
        readSide.show(shipped, 2, OrderStatus.CONFIRMED);
        Reconciliation result = reconcile();
        assertThat(result.bySubject()).containsOnlyKeys(Category.STUCK, Category.SUMMARY);
        assertThat(result.bySubject().get(Category.STUCK)).containsExactly("id-1");
    }

    @Test
    void anOrderListedTwiceIsDoubledAndAnUnknownOneIsAPhantom() {
        showBothCorrectly();
        readSide.list(created, 1, OrderStatus.CREATED);
        readSide.listing.add(Map.entry("c", new ReadSide.Summary("id-x", OrderStatus.CREATED, 1, 5, "EUR")));
        Reconciliation result = reconcile();
        assertThat(result.bySubject().get(Category.DOUBLED)).containsExactly("id-0");
        assertThat(result.bySubject().get(Category.PHANTOM)).containsExactly("id-x");
        assertThat(result.settled()).as("waiting cannot fix these").isTrue();
        assertThat(result.problems()).isNotEmpty();
    }

    @Test
    void aWrongTotalOrAVersionBeyondTheLedgerIsWrong() {
        readSide.show(created, 2, OrderStatus.CONFIRMED);
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
        ReadSide.View view = readSide.views.get("id-1");
        readSide.views.put("id-1", new ReadSide.View(view.orderId(), view.customerId(), view.status(), view.version(), 999,
                view.currency(), view.items(), null));
        Reconciliation result = reconcile();
        assertThat(result.bySubject().get(Category.WRONG)).containsExactly("id-0", "id-1");
        assertThat(result.problems()).filteredOn(problem -> problem.category() == Category.WRONG)
                .extracting(Problem::document).contains("order_views/id-1");
    }

    @Test
    void anAmbiguousCommandMayOrMayNotShowAndTheSummaryCountsItAsItsViewShows() {
        created.ambiguous(Transition.CANCEL, new Command("cancel", Outcome.UNRESOLVED, 2, 0, 0, 3, true, ""));
        readSide.show(created, 2, OrderStatus.CANCELLED);
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
        assertThat(reconcile().problems()).isEmpty();
        readSide.show(created, 1, OrderStatus.CREATED);
        assertThat(reconcile().problems()).isEmpty();
    }

    @Test
    void behindAtAStateTheOrderWentThroughIsStuckAnythingElseIsWrong() {
        assertThat(Reconciler.judge(shipped, 2, OrderStatus.CONFIRMED)).isEqualTo(Category.STUCK);
        assertThat(Reconciler.judge(shipped, 2, OrderStatus.CANCELLED)).isEqualTo(Category.WRONG);
        assertThat(Reconciler.judge(shipped, 4, OrderStatus.SHIPPED)).isEqualTo(Category.WRONG);
        assertThat(Reconciler.judge(shipped, 3, OrderStatus.SHIPPED)).isNull();
    }

    // --- customer summaries: each planted defect must be found and name its document

    private ReadSide.CustomerSummary correctSummary() {
        return readSide.summary("c").orElseThrow();
    }

    @Test
    void aSummaryCountThatDisagreesWithTheLedgerIsFoundAndNamesItsDocument() {
        showBothCorrectly();
        ReadSide.CustomerSummary right = correctSummary();
        Map<OrderStatus, Long> counts = new EnumMap<>(right.ordersByStatus());
        counts.put(OrderStatus.SHIPPED, 2L); // one more shipped order than the ledger has
        readSide.plantedSummaries.put("c", new ReadSide.CustomerSummary("c", right.orderCount(), counts, right.lifetimeTotalCents()));
        Reconciliation result = reconcile();
        assertThat(result.bySubject()).containsOnlyKeys(Category.SUMMARY);
        assertThat(result.bySubject().get(Category.SUMMARY)).containsExactly("c");
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.document()).isEqualTo("customer_summaries/c");
            assertThat(problem.detail()).contains("ordersByStatus.SHIPPED is 2, the ledger says 1");
        });
        assertThat(result.settled()).as("a summary behind may still catch up").isFalse();
    }

    @Test
    void aSummaryWithAWrongOrderCountOrTotalIsFound() {
        showBothCorrectly();
        ReadSide.CustomerSummary right = correctSummary();
        readSide.plantedSummaries.put("c", new ReadSide.CustomerSummary("c", 3, right.ordersByStatus(), Map.of("EUR", 1L)));
        Reconciliation result = reconcile();
        assertThat(result.problems()).singleElement().extracting(Problem::detail).asString()
                .contains("orderCount is 3, the ledger has 2").contains("lifetimeTotalCents is {EUR=1}, the ledger says {EUR=1800}");
    }

    @Test
    void aMissingSummaryIsFound() {
        showBothCorrectly();
        readSide.plantedSummaries.put("c", null);
        Reconciliation result = reconcile();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.category()).isEqualTo(Category.SUMMARY);
            assertThat(problem.detail()).contains("is 404");
        });
    }

    @Test
    void cancelledOrdersCountButAddNothingToTheTotal() {
        created.committed(Transition.CANCEL, new Command("cancel", Outcome.ACKNOWLEDGED, 2, 204, 0, 1, false, ""));
        readSide.show(created, 2, OrderStatus.CANCELLED);
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
        assertThat(reconcile().problems()).isEmpty();
        ReadSide.CustomerSummary right = correctSummary();
        assertThat(right.lifetimeTotalCents()).containsEntry("EUR", 900L);
        readSide.plantedSummaries.put("c", new ReadSide.CustomerSummary("c", 2, right.ordersByStatus(), Map.of("EUR", 1800L)));
        assertThat(reconcile().bySubject()).containsOnlyKeys(Category.SUMMARY);
    }
}
