package dev.cqrs.orders.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.chaos.OrderRecord.Command;
import dev.cqrs.orders.e2e.chaos.OrderRecord.Outcome;
import dev.cqrs.orders.e2e.chaos.Reconciler.Category;

class ReconcilerTest {

    /** A read side kept in maps: views by id, and the listing entries in order. */
    private static final class FakeReadSide implements ReadSide {
        final Map<String, View> views = new HashMap<>();
        final List<Map.Entry<String, Summary>> listing = new ArrayList<>();

        @Override
        public Optional<View> view(String orderId) {
            return Optional.ofNullable(views.get(orderId));
        }

        @Override
        public List<Summary> list(String customerId, OrderStatus status) {
            return listing.stream().filter(entry -> entry.getKey().equals(customerId))
                    .map(Map.Entry::getValue).filter(summary -> status == null || summary.status() == status).toList();
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
    private final List<OrderRecord> ledger = new ArrayList<>();
    private OrderRecord created;
    private OrderRecord shipped;

    @BeforeEach
    void twoAcknowledgedOrders() {
        created = order(0, "id-0");
        shipped = order(1, "id-1");
        shipped.committed(Transition.CONFIRM, new Command("confirm", Outcome.ACKNOWLEDGED, 2, 204, 0, 1, false, ""));
        shipped.committed(Transition.SHIP, new Command("ship", Outcome.ACKNOWLEDGED, 3, 204, 0, 1, false, ""));
        ledger.add(new OrderRecord(OrderSpec.generate(2, "run", List.of("c"), 1, 0))); // never acknowledged: not expected
    }

    private OrderRecord order(int index, String id) {
        OrderRecord order = new OrderRecord(new OrderSpec(index, "run-" + index, "c", "EUR",
                List.of(new OrderSpec.Line("A", 2, 500)), 100, List.of(), "why"));
        order.created(id, 0, new Command("create", Outcome.ACKNOWLEDGED, 1, 201, 0, 1, false, ""));
        ledger.add(order);
        return order;
    }

    private Reconciler.Result reconcile() {
        return new Reconciler(ledger, List.of("c"), readSide).reconcile();
    }

    @Test
    void aReadSideThatShowsEveryOrderOnceAtItsFinalVersionIsClean() {
        readSide.show(created, 1, OrderStatus.CREATED);
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
        Reconciler.Result result = reconcile();
        assertThat(result.problems()).isEmpty();
        assertThat(result.acknowledged()).isEqualTo(2);
        assertThat(result.visible()).isEqualTo(2);
        assertThat(result.settled()).isTrue();
    }

    @Test
    void anOrderTheQuerySideDoesNotKnowIsLost() {
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
        Reconciler.Result result = reconcile();
        assertThat(result.orders().get(Category.LOST)).containsExactly("id-0");
        assertThat(result.settled()).isFalse();
        assertThat(new Reconciler(ledger, List.of("c"), readSide).notYetFinal(null)).containsExactly("id-0");
    }

    @Test
    void anOrderBehindItsLastAcknowledgedVersionIsStuck() {
        readSide.show(created, 1, OrderStatus.CREATED);
        readSide.show(shipped, 2, OrderStatus.CONFIRMED);
        Reconciler.Result result = reconcile();
        assertThat(result.orders()).containsOnlyKeys(Category.STUCK);
        assertThat(result.orders().get(Category.STUCK)).containsExactly("id-1");
    }

    @Test
    void anOrderListedTwiceIsDoubledAndAnUnknownOneIsAPhantom() {
        readSide.show(created, 1, OrderStatus.CREATED);
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
        readSide.list(created, 1, OrderStatus.CREATED);
        readSide.listing.add(Map.entry("c", new ReadSide.Summary("id-x", OrderStatus.CREATED, 1, 5, "EUR")));
        Reconciler.Result result = reconcile();
        assertThat(result.orders().get(Category.DOUBLED)).containsExactly("id-0");
        assertThat(result.orders().get(Category.PHANTOM)).containsExactly("id-x");
        assertThat(result.settled()).as("waiting cannot fix these").isTrue();
        assertThat(result.clean()).isFalse();
    }

    @Test
    void aWrongTotalOrAVersionBeyondTheLedgerIsWrong() {
        readSide.show(created, 2, OrderStatus.CONFIRMED);
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
        ReadSide.View view = readSide.views.get("id-1");
        readSide.views.put("id-1", new ReadSide.View(view.orderId(), view.customerId(), view.status(), view.version(), 999,
                view.currency(), view.items(), null));
        Reconciler.Result result = reconcile();
        assertThat(result.orders().get(Category.WRONG)).containsExactly("id-0", "id-1");
    }

    @Test
    void anAmbiguousCommandMayOrMayNotShow() {
        created.ambiguous(Transition.CANCEL, new Command("cancel", Outcome.UNRESOLVED, 2, 0, 0, 3, true, ""));
        readSide.show(created, 2, OrderStatus.CANCELLED);
        readSide.show(shipped, 3, OrderStatus.SHIPPED);
        assertThat(reconcile().problems()).isEmpty();
        readSide.show(created, 1, OrderStatus.CREATED);
        assertThat(reconcile().problems()).isEmpty();
    }
}
