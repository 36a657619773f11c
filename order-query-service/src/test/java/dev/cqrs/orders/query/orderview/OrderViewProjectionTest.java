package dev.cqrs.orders.query.orderview;

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
import dev.cqrs.orders.events.OrderShipped;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.InMemoryVersionedStore;
import dev.cqrs.orders.query.readmodel.OrderHistories;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class OrderViewProjectionTest {

    private final InMemoryVersionedStore store = new InMemoryVersionedStore();
    private final OrderViewProjection projection = new OrderViewProjection(store);
    private final UUID order = UUID.randomUUID();
    private final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void creationStoresItemsWithLineTotalsAndTheOrderTotal() {
        apply(OrderHistories.created(order, "c-42", "EUR",
                List.of(new LineItem("SKU-1", 3, 250), new LineItem("SKU-2", 1, 1999))));

        Document view = view();
        assertThat(view.getString("customerId")).isEqualTo("c-42");
        assertThat(view.getString("status")).isEqualTo("CREATED");
        assertThat(view.getString("currency")).isEqualTo("EUR");
        assertThat(view.get("totalCents")).isEqualTo(2749L);
        assertThat(view.getList("items", Document.class)).containsExactly(
                new Document("sku", "SKU-1").append("quantity", 3).append("unitPriceCents", 250L).append("lineTotalCents", 750L),
                new Document("sku", "SKU-2").append("quantity", 1).append("unitPriceCents", 1999L).append("lineTotalCents", 1999L));
        assertThat(view.getDate("createdAt")).isEqualTo(Date.from(T0));
        assertThat(view.getDate("updatedAt")).isEqualTo(Date.from(T0));
        assertThat(view.get("version")).isEqualTo(1L);
        assertThat(view.containsKey("cancellationReason")).isFalse();
    }

    @Test
    void confirmationAndShipmentMoveTheStatusAndKeepCreationFacts() {
        apply(OrderHistories.created(order, "c-42", "EUR", List.of(new LineItem("SKU-1", 1, 500))));
        apply(OrderHistories.next(history, new OrderConfirmed(order)));
        assertThat(view().getString("status")).isEqualTo("CONFIRMED");

        EventEnvelope shipped = OrderHistories.next(history, new OrderShipped(order));
        apply(shipped);

        Document view = view();
        assertThat(view.getString("status")).isEqualTo("SHIPPED");
        assertThat(view.get("version")).isEqualTo(3L);
        assertThat(view.getDate("updatedAt")).isEqualTo(Date.from(shipped.occurredAt()));
        assertThat(view.getDate("createdAt")).isEqualTo(Date.from(T0));
        assertThat(view.get("totalCents")).isEqualTo(500L);
    }

    @Test
    void cancellationRecordsTheReason() {
        apply(OrderHistories.created(order, "c-42", "EUR", List.of(new LineItem("SKU-1", 1, 500))));
        apply(OrderHistories.next(history, new OrderCancelled(order, "out of stock")));

        assertThat(view().getString("status")).isEqualTo("CANCELLED");
        assertThat(view().getString("cancellationReason")).isEqualTo("out of stock");
    }

    private void apply(EventEnvelope envelope) {
        history.add(envelope);
        assertThat(projection.apply(envelope)).isEqualTo(ApplyOutcome.APPLIED);
    }

    private Document view() {
        return store.find(order.toString()).orElseThrow();
    }
}
