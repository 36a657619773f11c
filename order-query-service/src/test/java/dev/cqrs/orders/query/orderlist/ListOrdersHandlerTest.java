package dev.cqrs.orders.query.orderlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.query.readmodel.MongoWireServer;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keyset paging and filters of the order list, on the Mongo wire server with the real driver and indexes. */
class ListOrdersHandlerTest {

    private static final Instant BASE = Instant.parse("2025-05-01T12:00:00Z");

    @RegisterExtension
    static final MongoWireServer mongo = new MongoWireServer();

    private OrderListProjection projection;
    private ListOrdersHandler handler;
    private final List<OrderListItem> all = new ArrayList<>();

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.freshDatabase("list");
        OrderListReadModel readModel = new OrderListReadModel();
        readModel.ensureIndexes(database::getCollection);
        projection = readModel.projectionInto(database::getCollection);
        handler = new ListOrdersHandler(() -> database.getCollection(OrderListFields.COLLECTION));
    }

    @Test
    void ordersComeNewestFirstWithTiesBrokenByDescendingOrderId() {
        create("alice", 0);
        create("bob", 5);
        create("alice", 5);
        create("carol", 5);
        create("bob", 9);

        List<OrderListItem> items = handler.handle(query(null, null, 20, null)).items();

        assertThat(items).containsExactlyElementsOf(sortedNewestFirst(all));
        assertThat(items.get(0).createdAt()).isEqualTo(BASE.plusSeconds(9));
    }

    @Test
    void pagesVisitEveryOrderExactlyOnceAndTheLastHasNoNext() {
        for (int i = 0; i < 7; i++) {
            create("alice", i % 3);
        }

        List<OrderListItem> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        PageCursor after = null;
        do {
            OrderPage page = handler.handle(query(null, null, 3, after));
            seen.addAll(page.items());
            pageSizes.add(page.items().size());
            after = page.next() == null ? null : PageCursor.decode(page.next());
        } while (after != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactlyElementsOf(sortedNewestFirst(all));
    }

    @Test
    void aFullLastPageDoesNotLinkToAnEmptyOne() {
        create("alice", 1);
        create("alice", 2);

        assertThat(handler.handle(query(null, null, 2, null)).next()).isNull();
    }

    @Test
    void pagingIsStableWhenNewerOrdersArriveBetweenPages() {
        for (int i = 0; i < 4; i++) {
            create("alice", i);
        }
        List<OrderListItem> before = sortedNewestFirst(all);
        OrderPage first = handler.handle(query(null, null, 2, null));

        create("alice", 100);
        OrderPage second = handler.handle(query(null, null, 2, PageCursor.decode(first.next())));

        // Offset paging would repeat an item here; the cursor continues exactly where the first page ended.
        assertThat(first.items()).containsExactlyElementsOf(before.subList(0, 2));
        assertThat(second.items()).containsExactlyElementsOf(before.subList(2, 4));
    }

    @Test
    void filtersByCustomerStatusAndBoth() {
        UUID aliceConfirmed = create("alice", 1);
        confirm(aliceConfirmed);
        create("alice", 2);
        UUID bobConfirmed = create("bob", 3);
        confirm(bobConfirmed);

        assertThat(ids(query("alice", null, 20, null))).hasSize(2);
        assertThat(ids(query(null, OrderStatus.CONFIRMED, 20, null))).containsExactly(bobConfirmed, aliceConfirmed);
        assertThat(ids(query("alice", OrderStatus.CONFIRMED, 20, null))).containsExactly(aliceConfirmed);
        assertThat(ids(query("nobody", null, 20, null))).isEmpty();
    }

    @Test
    void summariesCarryEveryListedField() {
        UUID order = create("alice", 4);

        OrderListItem summary = handler.handle(query(null, null, 1, null)).items().get(0);

        assertThat(summary).isEqualTo(new OrderListItem(order, "alice", OrderStatus.CREATED, 2 * 150 + 99, "EUR", 3,
                BASE.plusSeconds(4), BASE.plusSeconds(4), 1));
    }

    private UUID create(String customer, int secondsAfterBase) {
        UUID order = UUID.randomUUID();
        Instant at = BASE.plusSeconds(secondsAfterBase);
        projection.apply(EventEnvelope.of(UUID.randomUUID(), 1, at, new OrderCreated(order, customer, "EUR",
                List.of(new LineItem("SKU-1", 2, 150), new LineItem("SKU-2", 1, 99)))));
        all.add(new OrderListItem(order, customer, OrderStatus.CREATED, 399, "EUR", 3, at, at, 1));
        return order;
    }

    private void confirm(UUID order) {
        projection.apply(EventEnvelope.of(UUID.randomUUID(), 2, BASE.plusSeconds(1000), new OrderConfirmed(order)));
    }

    private static ListOrders query(String customer, OrderStatus status, int limit, PageCursor after) {
        return new ListOrders(customer, status, limit, after);
    }

    private List<UUID> ids(ListOrders query) {
        return handler.handle(query).items().stream().map(OrderListItem::orderId).toList();
    }

    private static List<OrderListItem> sortedNewestFirst(List<OrderListItem> summaries) {
        return summaries.stream()
                .sorted(Comparator.comparing(OrderListItem::createdAt)
                        .thenComparing(summary -> summary.orderId().toString())
                        .reversed())
                .toList();
    }
}
