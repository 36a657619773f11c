package dev.cqrs.orders.command.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.cqrs.orders.events.OrderEvent;

/**
 * An in-memory unit of work with the same contract as the JDBC one: state and events commit together, or, when
 * the work throws, not at all; an update whose loaded version is stale is a conflict.
 */
final class FakeUnitOfWork implements UnitOfWork {

    private record Row(String customerId, String currency, List<OrderLine> lines, long discount, OrderStatus status,
                       long version, String reason) {
    }

    private record Claim(String fingerprint, UUID orderId) {
    }

    private Map<UUID, Row> rows = new HashMap<>();
    private Map<String, Claim> keys = new HashMap<>();
    private final List<Order.PendingEvent> committedEvents = new ArrayList<>();
    private Runnable beforeNextUpdate = () -> { };
    private int commits;

    @Override
    public <T> T execute(Function<Orders, T> work) {
        Transaction transaction = new Transaction(new HashMap<>(rows), new HashMap<>(keys));
        T result = work.apply(transaction);
        rows = transaction.rows;
        keys = transaction.keys;
        committedEvents.addAll(transaction.events);
        commits++;
        return result;
    }

    /** Simulates another writer that commits between this unit of work's read and its write. */
    void onNextUpdate(Runnable concurrentWriter) {
        this.beforeNextUpdate = concurrentWriter;
    }

    /** Changes the stored version as a concurrent command would. */
    void bumpStoredVersion(UUID orderId) {
        Row row = rows.get(orderId);
        rows.put(orderId, new Row(row.customerId, row.currency, row.lines, row.discount, row.status, row.version + 1, row.reason));
    }

    Optional<Order> stored(UUID orderId) {
        return new Transaction(rows, keys).find(orderId);
    }

    List<OrderEvent> committedEvents() {
        return committedEvents.stream().map(Order.PendingEvent::event).toList();
    }

    List<Order.PendingEvent> committedPendingEvents() {
        return List.copyOf(committedEvents);
    }

    int commits() {
        return commits;
    }

    int storedOrders() {
        return rows.size();
    }

    private final class Transaction implements Orders {

        private final Map<UUID, Row> rows;
        private final Map<String, Claim> keys;
        private final List<Order.PendingEvent> events = new ArrayList<>();

        Transaction(Map<UUID, Row> rows, Map<String, Claim> keys) {
            this.rows = rows;
            this.keys = keys;
        }

        @Override
        public Optional<UUID> claimIdempotencyKey(String key, String fingerprint, UUID orderId) {
            Claim earlier = keys.putIfAbsent(key, new Claim(fingerprint, orderId));
            if (earlier == null) {
                return Optional.empty();
            }
            if (!earlier.fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException(key);
            }
            return Optional.of(earlier.orderId());
        }

        @Override
        public Optional<Order> find(UUID orderId) {
            Row row = rows.get(orderId);
            return row == null ? Optional.empty() : Optional.of(Order.restore(orderId, row.customerId, row.currency,
                    row.discount, row.status, row.version, row.reason, row.lines));
        }

        @Override
        public void add(Order order) {
            if (rows.containsKey(order.id())) {
                throw new IllegalStateException("duplicate order id " + order.id());
            }
            store(order);
        }

        @Override
        public void update(Order order) {
            Runnable writer = beforeNextUpdate;
            beforeNextUpdate = () -> { };
            writer.run();
            Row current = FakeUnitOfWork.this.rows.get(order.id());
            if (current == null || current.version != order.loadedVersion()) {
                throw new ConcurrencyConflictException(order.id(), order.loadedVersion());
            }
            store(order);
        }

        private void store(Order order) {
            rows.put(order.id(), new Row(order.customerId(), order.currency(), order.lines(), order.discountCents(), order.status(),
                    order.version(), order.cancellationReason()));
            events.addAll(order.pendingEvents());
        }
    }
}
