package dev.cqrs.orders.query.warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderShipped;

/** Orders that never existed, through every path of their life, for the warm-up's scratch collections only. */
final class SyntheticOrders {

    private SyntheticOrders() {
    }

    /** {@code count} orders of a few customers: created, then confirmed and shipped, or cancelled; in order per order. */
    static List<EventEnvelope> lifecycles(int count, Instant at) {
        List<EventEnvelope> events = new ArrayList<>(count * 3);
        for (int i = 0; i < count; i++) {
            UUID order = UUID.randomUUID();
            events.add(EventEnvelope.of(UUID.randomUUID(), 1, at, new OrderCreated(order, "warm-up-" + (i % 7), "EUR",
                    List.of(new LineItem("SKU-" + (i % 11), 1 + i % 3, 100 + i), new LineItem("SKU-X", 1, 250)))));
            if (i % 4 == 3) {
                events.add(EventEnvelope.of(UUID.randomUUID(), 2, at, new OrderCancelled(order, "warm-up")));
                continue;
            }
            events.add(EventEnvelope.of(UUID.randomUUID(), 2, at, new OrderConfirmed(order)));
            events.add(EventEnvelope.of(UUID.randomUUID(), 3, at, new OrderShipped(order)));
        }
        return events;
    }
}
