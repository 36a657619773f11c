package dev.cqrs.orders.query.customersummary;

import static dev.cqrs.orders.query.readmodel.OrderHistories.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderShipped;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.InMemoryVersionedStore;
import dev.cqrs.orders.query.readmodel.OrderHistories;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class CustomerSummaryProjectionTest {

    private final InMemoryVersionedStore facts = new InMemoryVersionedStore();
    private final InMemoryCustomerSummaryStore summaries = new InMemoryCustomerSummaryStore();
    private final CustomerSummaryProjection projection = new CustomerSummaryProjection(facts, summaries);

    @Test
    void countsOrdersByStatusAndTotalsTheOnesNotCancelledPerCurrency() {
        List<EventEnvelope> shipped = history("c-1", "EUR", 1000, T0);
        shipped.add(OrderHistories.next(shipped, new OrderConfirmed(id(shipped))));
        shipped.add(OrderHistories.next(shipped, new OrderShipped(id(shipped))));
        List<EventEnvelope> cancelled = history("c-1", "EUR", 400, T0.plusSeconds(60));
        cancelled.add(OrderHistories.next(cancelled, new OrderCancelled(id(cancelled), "too slow")));
        List<EventEnvelope> dollars = history("c-1", "USD", 250, T0.plusSeconds(30));
        List<EventEnvelope> someoneElse = history("c-2", "EUR", 99, T0.plusSeconds(3600));
        List.of(shipped, cancelled, dollars, someoneElse).forEach(events -> events.forEach(projection::apply));

        Document summary = summaries.find("c-1").orElseThrow();
        assertThat(summary.get("counts", Document.class)).isEqualTo(new Document("CREATED", 1L).append("CONFIRMED", 0L)
                .append("SHIPPED", 1L).append("CANCELLED", 1L));
        assertThat(summary.get("totals", Document.class)).isEqualTo(new Document("EUR", 1000L).append("USD", 250L));
        assertThat(summary.getDate("lastOrderAt")).isEqualTo(Date.from(T0.plusSeconds(60)));
        assertThat(summaries.find("c-2").orElseThrow().get("totals", Document.class))
                .isEqualTo(new Document("EUR", 99L));
    }

    @Test
    void keepsPerOrderFactsWithTheVersionedWriter() {
        List<EventEnvelope> order = history("c-1", "EUR", 1000, T0);
        order.add(OrderHistories.next(order, new OrderConfirmed(id(order))));
        order.forEach(projection::apply);

        Document stored = facts.find(id(order).toString()).orElseThrow();
        assertThat(stored.getString("customerId")).isEqualTo("c-1");
        assertThat(stored.getString("status")).isEqualTo("CONFIRMED");
        assertThat(stored.get("totalCents")).isEqualTo(1000L);
        assertThat(stored.get("version")).isEqualTo(2L);
    }

    @Test
    void aCrashBetweenTheFactsAndTheSummaryIsHealedByTheRedelivery() {
        List<EventEnvelope> order = history("c-1", "EUR", 1000, T0);
        order.add(OrderHistories.next(order, new OrderCancelled(id(order), "oops")));
        projection.apply(order.get(0));
        CustomerSummaryProjection crashing = new CustomerSummaryProjection(facts, new CrashingSummaries(summaries));
        assertThatThrownBy(() -> crashing.apply(order.get(1))).isInstanceOf(IllegalStateException.class);
        assertThat(facts.find(id(order).toString()).orElseThrow().getString("status")).isEqualTo("CANCELLED");
        assertThat(summaries.counted("c-1", id(order).toString())).contains(new CountedOrder(1, OrderStatus.CREATED));

        // The offset was not committed, so the same record comes again: the facts call it a duplicate, the summary
        // still catches up.
        assertThat(projection.apply(order.get(1))).isEqualTo(ApplyOutcome.APPLIED);

        Document summary = summaries.find("c-1").orElseThrow();
        assertThat(summary.get("counts", Document.class)).isEqualTo(new Document("CREATED", 0L).append("CONFIRMED", 0L)
                .append("SHIPPED", 0L).append("CANCELLED", 1L));
        assertThat(summary.get("totals", Document.class)).isEqualTo(new Document("EUR", 0L));
        assertThat(projection.apply(order.get(1))).isEqualTo(ApplyOutcome.DUPLICATE);
    }

    @Test
    void aSummaryThatMissedVersionsCatchesUpFromWhatItCountsWithTheNextEvent() {
        List<EventEnvelope> order = history("c-1", "EUR", 1000, T0);
        order.add(OrderHistories.next(order, new OrderConfirmed(id(order))));
        order.add(OrderHistories.next(order, new OrderShipped(id(order))));
        projection.apply(order.get(0));
        CustomerSummaryProjection crashing = new CustomerSummaryProjection(facts, new CrashingSummaries(summaries));
        assertThatThrownBy(() -> crashing.apply(order.get(1))).isInstanceOf(IllegalStateException.class);
        // Suppose the redelivery never came (say, a replay skipped it): the next event still counts the order right.

        projection.apply(order.get(2));

        assertThat(summaries.find("c-1").orElseThrow().get("counts", Document.class)).isEqualTo(new Document("CREATED", 0L)
                .append("CONFIRMED", 0L).append("SHIPPED", 1L).append("CANCELLED", 0L));
        assertThat(summaries.counted("c-1", id(order).toString())).contains(new CountedOrder(3, OrderStatus.SHIPPED));
    }

    @Test
    void aBatchReadsBackOnlyTheFactsOfOrdersItDidNotCreate() {
        ReadCountingFacts counting = new ReadCountingFacts(facts);
        CustomerSummaryProjection batching = new CustomerSummaryProjection(counting, summaries);
        List<EventEnvelope> created = history("c-1", "EUR", 1000, T0);
        List<EventEnvelope> confirmed = history("c-1", "EUR", 400, T0.plusSeconds(1));
        confirmed.add(OrderHistories.next(confirmed, new OrderConfirmed(id(confirmed))));

        assertThat(batching.applyAll(List.of(created.get(0)))).containsExactly(ApplyOutcome.APPLIED);
        assertThat(counting.reads).as("a new order's facts are as the batch wrote them").isZero();
        // An order with a later event in the batch, and a redelivered creation, are read back: the usual path.
        assertThat(batching.applyAll(confirmed)).containsExactly(ApplyOutcome.APPLIED, ApplyOutcome.APPLIED);
        assertThat(batching.applyAll(List.of(created.get(0)))).containsExactly(ApplyOutcome.DUPLICATE);

        Document summary = summaries.find("c-1").orElseThrow();
        assertThat(summary.get("counts", Document.class)).isEqualTo(new Document("CREATED", 1L)
                .append("CONFIRMED", 1L).append("SHIPPED", 0L).append("CANCELLED", 0L));
        assertThat(summary.get("totals", Document.class)).isEqualTo(new Document("EUR", 1400L));
        assertThat(summary.getDate("lastOrderAt")).isEqualTo(Date.from(T0.plusSeconds(1)));
    }

    @Test
    void theSameSummariesComeOutWhateverTheInterleavingOfOrders() {
        List<List<EventEnvelope>> histories = OrderHistories.randomHistories(new java.util.Random(5), 30,
                List.of("c-1", "c-2"), List.of("EUR", "SEK"));
        histories.forEach(events -> events.forEach(projection::apply));

        Map<String, CustomerSummary> projected = new java.util.TreeMap<>();
        summaries.all().forEach((customer, document) -> projected.put(customer, GetCustomerSummaryHandler.toSummary(document)));
        assertThat(projected).isEqualTo(SummariesFromScratch.of(histories));
    }

    private static List<EventEnvelope> history(String customer, String currency, long totalCents, java.time.Instant at) {
        UUID order = UUID.randomUUID();
        List<EventEnvelope> history = new ArrayList<>();
        history.add(EventEnvelope.of(UUID.randomUUID(), 1, at,
                new OrderCreated(order, customer, currency, List.of(new LineItem("SKU", 1, totalCents)))));
        return history;
    }

    private static UUID id(List<EventEnvelope> history) {
        return history.get(0).aggregateId();
    }

    /** A summary store whose writes fail, as if the process died after the facts were written. */
    private record CrashingSummaries(CustomerSummaryStore delegate) implements CustomerSummaryStore {

        @Override
        public Optional<CountedOrder> counted(String customerId, String orderId) {
            return delegate.counted(customerId, orderId);
        }

        @Override
        public boolean recount(OrderFacts order, CountedOrder before) {
            return false; // never lands; the projection gives up after its attempts
        }

        @Override
        public Optional<Document> find(String customerId) {
            return delegate.find(customerId);
        }
    }

    /** The facts, counting the calls that read them. */
    private static final class ReadCountingFacts implements VersionedStore {

        private final VersionedStore delegate;
        private int reads;

        ReadCountingFacts(VersionedStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean insertIfAbsent(Document document) {
            return delegate.insertIfAbsent(document);
        }

        @Override
        public boolean updateIfAtVersion(String id, long expectedVersion, String eventId, Document fields) {
            return delegate.updateIfAtVersion(id, expectedVersion, eventId, fields);
        }

        @Override
        public Optional<Document> find(String id) {
            reads++;
            return delegate.find(id);
        }

        @Override
        public Map<String, Document> findAll(java.util.Collection<String> ids) {
            if (!ids.isEmpty()) {
                reads++;
            }
            return delegate.findAll(ids);
        }
    }
}
