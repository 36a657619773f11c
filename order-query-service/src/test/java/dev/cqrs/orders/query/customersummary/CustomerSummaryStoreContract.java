package dev.cqrs.orders.query.customersummary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The semantics every {@link CustomerSummaryStore} must have; run against the fake and against MongoDB. */
abstract class CustomerSummaryStoreContract {

    private static final Date MONDAY = new Date(1_700_000_000_000L);
    private static final Date TUESDAY = new Date(1_700_086_400_000L);

    private CustomerSummaryStore store;
    private String customer;
    private final String order = UUID.randomUUID().toString();
    private final String other = UUID.randomUUID().toString();

    /** A new, empty store for each test. */
    protected abstract CustomerSummaryStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        customer = "customer-" + UUID.randomUUID();
    }

    private OrderFacts facts(String orderId, OrderStatus status, long version, String currency, long total, Date at) {
        return new OrderFacts(orderId, customer, currency, total, at, status, version);
    }

    @Test
    void aFirstOrderCreatesTheSummaryWithEveryStatusCounted() {
        assertThat(store.recount(facts(order, OrderStatus.CREATED, 1, "EUR", 1500, MONDAY), null)).isTrue();

        assertThat(store.find(customer)).contains(new Document("_id", customer)
                .append("counts", new Document("CREATED", 1L).append("CONFIRMED", 0L).append("SHIPPED", 0L)
                        .append("CANCELLED", 0L))
                .append("totals", new Document("EUR", 1500L))
                .append("lastOrderAt", MONDAY));
        assertThat(store.counted(customer, order)).contains(new CountedOrder(1, OrderStatus.CREATED));
    }

    @Test
    void aTransitionMovesTheCountAndCancellingTakesTheTotalOut() {
        store.recount(facts(order, OrderStatus.CREATED, 1, "EUR", 1500, MONDAY), null);
        store.recount(facts(other, OrderStatus.CREATED, 1, "USD", 700, TUESDAY), null);

        assertThat(store.recount(facts(order, OrderStatus.CONFIRMED, 2, "EUR", 1500, MONDAY),
                new CountedOrder(1, OrderStatus.CREATED))).isTrue();
        assertThat(store.recount(facts(order, OrderStatus.CANCELLED, 3, "EUR", 1500, MONDAY),
                new CountedOrder(2, OrderStatus.CONFIRMED))).isTrue();

        Document summary = store.find(customer).orElseThrow();
        assertThat(summary.get("counts", Document.class)).isEqualTo(new Document("CREATED", 1L).append("CONFIRMED", 0L)
                .append("SHIPPED", 0L).append("CANCELLED", 1L));
        assertThat(summary.get("totals", Document.class)).isEqualTo(new Document("EUR", 0L).append("USD", 700L));
        assertThat(summary.getDate("lastOrderAt")).isEqualTo(TUESDAY);
        assertThat(store.counted(customer, order)).contains(new CountedOrder(3, OrderStatus.CANCELLED));
    }

    @Test
    void aRecountFromAnOutdatedCountChangesNothing() {
        store.recount(facts(order, OrderStatus.CREATED, 1, "EUR", 1500, MONDAY), null);
        store.recount(facts(order, OrderStatus.CONFIRMED, 2, "EUR", 1500, MONDAY), new CountedOrder(1, OrderStatus.CREATED));
        Document before = store.find(customer).orElseThrow();

        assertThat(store.recount(facts(order, OrderStatus.CONFIRMED, 2, "EUR", 1500, MONDAY),
                new CountedOrder(1, OrderStatus.CREATED))).isFalse();
        assertThat(store.recount(facts(order, OrderStatus.CREATED, 1, "EUR", 1500, MONDAY), null)).isFalse();

        assertThat(store.find(customer)).contains(before);
    }

    @Test
    void aRecountOfAnOrderTheSummaryDoesNotCountYetMustSaySo() {
        store.recount(facts(other, OrderStatus.CREATED, 1, "EUR", 100, MONDAY), null);

        assertThat(store.recount(facts(order, OrderStatus.SHIPPED, 3, "EUR", 1500, MONDAY),
                new CountedOrder(2, OrderStatus.CONFIRMED))).isFalse();
        assertThat(store.counted(customer, order)).isEmpty();
    }

    @Test
    void aRecountCanSkipVersionsAndMovesFromWhatWasCounted() {
        store.recount(facts(order, OrderStatus.CREATED, 1, "EUR", 1500, MONDAY), null);

        assertThat(store.recount(facts(order, OrderStatus.SHIPPED, 3, "EUR", 1500, MONDAY),
                new CountedOrder(1, OrderStatus.CREATED))).isTrue();

        assertThat(store.find(customer).orElseThrow().get("counts", Document.class)).isEqualTo(new Document("CREATED", 0L)
                .append("CONFIRMED", 0L).append("SHIPPED", 1L).append("CANCELLED", 0L));
        assertThat(store.find(customer).orElseThrow().get("totals", Document.class)).isEqualTo(new Document("EUR", 1500L));
    }

    @Test
    void theLastOrderTimeOnlyMovesForward() {
        store.recount(facts(order, OrderStatus.CREATED, 1, "EUR", 1, TUESDAY), null);
        store.recount(facts(other, OrderStatus.CREATED, 1, "EUR", 1, MONDAY), null);

        assertThat(store.find(customer).orElseThrow().getDate("lastOrderAt")).isEqualTo(TUESDAY);
    }

    @Test
    void anUnknownCustomerHasNoSummary() {
        assertThat(store.find(customer)).isEmpty();
        assertThat(store.counted(customer, order)).isEmpty();
    }

    @Test
    void recountAllMovesEachOrderThatIsBehindItsFactsAndLeavesTheOthers() {
        String third = UUID.randomUUID().toString();
        store.recount(facts(third, OrderStatus.CONFIRMED, 2, "EUR", 10, MONDAY), null);

        var recounted = store.recountAll(List.of(
                facts(order, OrderStatus.CREATED, 1, "EUR", 1500, MONDAY),
                facts(other, OrderStatus.CONFIRMED, 2, "USD", 700, TUESDAY),
                facts(third, OrderStatus.CONFIRMED, 2, "EUR", 10, MONDAY)));

        assertThat(recounted).containsOnlyKeys(order, other).containsEntry(order, 0L).containsEntry(other, 0L);
        Document summary = store.find(customer).orElseThrow();
        assertThat(summary.get("counts", Document.class)).isEqualTo(new Document("CREATED", 1L).append("CONFIRMED", 2L)
                .append("SHIPPED", 0L).append("CANCELLED", 0L));
        assertThat(summary.get("totals", Document.class)).isEqualTo(new Document("EUR", 1510L).append("USD", 700L));
        assertThat(store.counted(customer, other)).contains(new CountedOrder(2, OrderStatus.CONFIRMED));
        assertThat(store.recountAll(List.of(facts(other, OrderStatus.SHIPPED, 3, "USD", 700, TUESDAY))))
                .containsExactly(java.util.Map.entry(other, 2L));
        summary = store.find(customer).orElseThrow();

        assertThat(store.recountAll(List.of(facts(order, OrderStatus.CREATED, 1, "EUR", 1500, MONDAY),
                facts(other, OrderStatus.CONFIRMED, 2, "USD", 700, TUESDAY)))).isEmpty();
        assertThat(store.find(customer)).contains(summary);
    }

    @Test
    void anOrderWronglySaidToBeUncountedIsNeverCountedTwice() {
        store.recount(facts(order, OrderStatus.CREATED, 1, "EUR", 1500, MONDAY), null);
        Document before = store.find(customer).orElseThrow();

        // As after a rebuild's switch: the batch created the facts in one generation, the summary counts the order in
        // the next. A store that skipped the read must then refuse the batch, and one that read must leave it alone.
        try {
            assertThat(store.recountAll(List.of(facts(order, OrderStatus.CREATED, 1, "EUR", 1500, MONDAY),
                    facts(other, OrderStatus.CREATED, 1, "USD", 700, TUESDAY)), java.util.Set.of(order)))
                    .doesNotContainKey(order);
        } catch (dev.cqrs.orders.query.readmodel.ConcurrentBatchChangeException refused) {
            // the caller then applies the batch one by one
        }
        store.recountAll(List.of(facts(other, OrderStatus.CREATED, 1, "USD", 700, TUESDAY)));

        Document summary = store.find(customer).orElseThrow();
        assertThat(summary.get("counts", Document.class)).isEqualTo(new Document("CREATED", 2L).append("CONFIRMED", 0L)
                .append("SHIPPED", 0L).append("CANCELLED", 0L));
        assertThat(summary.get("totals", Document.class)).isEqualTo(new Document("EUR", 1500L).append("USD", 700L));
        assertThat(before.get("totals", Document.class)).isEqualTo(new Document("EUR", 1500L));
        assertThat(store.counted(customer, order)).contains(new CountedOrder(1, OrderStatus.CREATED));
    }
}
