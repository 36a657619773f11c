package dev.cqrs.orders.query.orderlist;

import static dev.cqrs.orders.query.readmodel.OrderHistories.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.InMemoryVersionedStore;
import dev.cqrs.orders.query.readmodel.OrderHistories;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class OrderListProjectionTest {

    private final InMemoryVersionedStore store = new InMemoryVersionedStore();
    private final OrderListProjection projection = new OrderListProjection(store);
    private final UUID order = UUID.randomUUID();
    private final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void creationStoresTheSummaryWithTotalAndUnitCount() {
        apply(OrderHistories.created(order, "c-7", "USD",
                List.of(new LineItem("SKU-1", 3, 250), new LineItem("SKU-2", 2, 1000))));

        Document summary = summary();
        assertThat(summary.getString("customerId")).isEqualTo("c-7");
        assertThat(summary.getString("status")).isEqualTo("CREATED");
        assertThat(summary.get("totalCents")).isEqualTo(2750L);
        assertThat(summary.getString("currency")).isEqualTo("USD");
        assertThat(summary.get("itemCount")).isEqualTo(5L);
        assertThat(summary.getDate("createdAt")).isEqualTo(Date.from(T0));
        assertThat(summary.get("version")).isEqualTo(1L);
        assertThat(summary.containsKey("items")).as("a summary stays small").isFalse();
    }

    @Test
    void laterEventsChangeStatusVersionAndUpdatedAtOnly() {
        apply(OrderHistories.created(order, "c-7", "USD", List.of(new LineItem("SKU-1", 1, 100))));
        apply(OrderHistories.next(history, new OrderConfirmed(order)));
        EventEnvelope cancelled = OrderHistories.next(history, new OrderCancelled(order, "fraud suspected"));
        apply(cancelled);

        Document summary = summary();
        assertThat(summary.getString("status")).isEqualTo("CANCELLED");
        assertThat(summary.get("version")).isEqualTo(3L);
        assertThat(summary.getDate("updatedAt")).isEqualTo(Date.from(cancelled.occurredAt()));
        assertThat(summary.getDate("createdAt")).isEqualTo(Date.from(T0));
        assertThat(summary.get("totalCents")).isEqualTo(100L);
    }

    private void apply(EventEnvelope envelope) {
        history.add(envelope);
        assertThat(projection.apply(envelope)).isEqualTo(ApplyOutcome.APPLIED);
    }

    private Document summary() {
        return store.find(order.toString()).orElseThrow();
    }
}
