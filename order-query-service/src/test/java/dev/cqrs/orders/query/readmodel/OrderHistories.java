package dev.cqrs.orders.query.readmodel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderEvent;
import dev.cqrs.orders.events.OrderShipped;

/** Builds event envelopes and, for each event type, a history around an event of that type. */
public final class OrderHistories {

    /** A whole-millisecond start, as BSON dates store it, so read models can be compared exactly. */
    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00.125Z");

    private OrderHistories() {
    }

    /** Every event type of the contract, read from the sealed interface so that a new type is covered at once. */
    public static Stream<Class<? extends OrderEvent>> eventTypes() {
        return Arrays.stream(OrderEvent.class.getPermittedSubclasses()).map(type -> type.asSubclass(OrderEvent.class));
    }

    /**
     * A history of one new order in which the subject (an event of {@code type}) is followed by one newer event.
     * The read models order events by version only and do not re-check the command side's state machine, so after
     * a terminal event the newer one is synthetic; it only has to be later.
     */
    public static Scenario scenarioFor(Class<? extends OrderEvent> type) {
        UUID order = UUID.randomUUID();
        List<EventEnvelope> history = new ArrayList<>();
        history.add(created(order, "customer-1", "EUR",
                List.of(new LineItem("SKU-1", 2, 1250), new LineItem("SKU-2", 1, 399))));
        int subject;
        if (type == OrderCreated.class) {
            subject = 0;
            history.add(next(history, new OrderConfirmed(order)));
        } else if (type == OrderConfirmed.class) {
            history.add(next(history, new OrderConfirmed(order)));
            subject = 1;
            history.add(next(history, new OrderShipped(order)));
        } else if (type == OrderShipped.class) {
            history.add(next(history, new OrderConfirmed(order)));
            history.add(next(history, new OrderShipped(order)));
            subject = 2;
            history.add(next(history, new OrderCancelled(order, "synthetic later event")));
        } else if (type == OrderCancelled.class) {
            history.add(next(history, new OrderCancelled(order, "customer changed their mind")));
            subject = 1;
            history.add(next(history, new OrderConfirmed(order)));
        } else {
            throw new IllegalStateException("No sample history for the new event type " + type.getName()
                    + ": add one to OrderHistories so that every projection's idempotency is tested for it");
        }
        return new Scenario(List.copyOf(history), subject);
    }

    public static EventEnvelope created(UUID order, String customerId, String currency, List<LineItem> items) {
        return EventEnvelope.of(UUID.randomUUID(), 1, T0, new OrderCreated(order, customerId, currency, items));
    }

    /** The event at the version after the history's last, one minute later. */
    public static EventEnvelope next(List<EventEnvelope> history, OrderEvent event) {
        EventEnvelope last = history.get(history.size() - 1);
        return EventEnvelope.of(UUID.randomUUID(), last.aggregateVersion() + 1,
                last.occurredAt().plus(1, ChronoUnit.MINUTES), event);
    }

    /**
     * Random valid histories: {@code orders} orders spread over the customers and currencies given, each created with
     * one to three random items and then taken down one of the command side's paths (left created, confirmed,
     * shipped, cancelled, or confirmed then cancelled).
     */
    public static List<List<EventEnvelope>> randomHistories(Random random, int orders, List<String> customers,
                                                            List<String> currencies) {
        List<List<EventEnvelope>> histories = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            UUID order = new UUID(random.nextLong(), random.nextLong());
            List<LineItem> items = new ArrayList<>();
            for (int line = 0, lines = 1 + random.nextInt(3); line < lines; line++) {
                items.add(new LineItem("SKU-" + random.nextInt(50), 1 + random.nextInt(5), random.nextInt(10_000)));
            }
            List<EventEnvelope> history = new ArrayList<>();
            history.add(EventEnvelope.of(UUID.randomUUID(), 1, T0.plusSeconds(random.nextInt(86_400)).plusMillis(i),
                    new OrderCreated(order, customers.get(random.nextInt(customers.size())),
                            currencies.get(random.nextInt(currencies.size())), items)));
            switch (random.nextInt(5)) {
                case 0 -> { }
                case 1 -> history.add(next(history, new OrderConfirmed(order)));
                case 2 -> {
                    history.add(next(history, new OrderConfirmed(order)));
                    history.add(next(history, new OrderShipped(order)));
                }
                case 3 -> history.add(next(history, new OrderCancelled(order, "changed my mind")));
                default -> {
                    history.add(next(history, new OrderConfirmed(order)));
                    history.add(next(history, new OrderCancelled(order, "found it cheaper")));
                }
            }
            histories.add(List.copyOf(history));
        }
        return histories;
    }

    /**
     * Every event delivered twice, in an order Kafka allows: one order's events stay in their partition's order, and a
     * redelivery replays them from an earlier offset, so each order's deliveries are two in-order copies of its
     * history merged at random (which covers immediate duplicates, replays and stale events alike). Orders interleave
     * arbitrarily, as records of different orders (and partitions) do.
     */
    public static List<EventEnvelope> twiceInKafkaOrder(Random random, List<List<EventEnvelope>> histories) {
        List<Deque<EventEnvelope>> perOrder = new ArrayList<>();
        for (List<EventEnvelope> history : histories) {
            Deque<EventEnvelope> first = new LinkedList<>(history);
            Deque<EventEnvelope> second = new LinkedList<>(history);
            Deque<EventEnvelope> merged = new LinkedList<>();
            while (!first.isEmpty() || !second.isEmpty()) {
                boolean fromFirst = second.isEmpty() || (!first.isEmpty() && random.nextBoolean());
                merged.add(fromFirst ? first.poll() : second.poll());
            }
            perOrder.add(merged);
        }
        List<EventEnvelope> deliveries = new ArrayList<>();
        while (!perOrder.isEmpty()) {
            int pick = random.nextInt(perOrder.size());
            deliveries.add(perOrder.get(pick).poll());
            if (perOrder.get(pick).isEmpty()) {
                perOrder.remove(pick);
            }
        }
        return deliveries;
    }

    /** The same event at the same version under a new event id: a different delivery of "the same" fact. */
    public static EventEnvelope withNewId(EventEnvelope envelope) {
        return EventEnvelope.of(UUID.randomUUID(), envelope.aggregateVersion(), envelope.occurredAt(), envelope.event());
    }

    /**
     * An order's events in version order; {@code history.get(subject)} is the event under test and
     * {@code history.get(subject + 1)} is newer than it.
     */
    public record Scenario(List<EventEnvelope> history, int subject) {

        public String orderId() {
            return history.get(0).aggregateId().toString();
        }

        public EventEnvelope subjectEvent() {
            return history.get(subject);
        }

        public List<EventEnvelope> upTo(int inclusive) {
            return history.subList(0, inclusive + 1);
        }
    }
}
