package dev.cqrs.orders.command.order;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderEvent;
import dev.cqrs.orders.events.OrderShipped;

/**
 * The Order aggregate: it guards its state machine and records one event per change, each raising the
 * version by one. It is only ever changed through its methods, inside one unit of work.
 */
public final class Order {

    private final UUID id;
    private final String customerId;
    private final String currency;
    private final List<OrderLine> lines;
    private final long discountCents;
    private final long loadedVersion;
    private OrderStatus status;
    private long version;
    private String cancellationReason;
    private final List<PendingEvent> pendingEvents = new ArrayList<>();

    private Order(UUID id, String customerId, String currency, List<OrderLine> lines, long discountCents,
                  OrderStatus status, long version, String cancellationReason) {
        this.id = id;
        this.customerId = customerId;
        this.currency = currency;
        this.lines = List.copyOf(lines);
        this.discountCents = discountCents;
        this.status = status;
        this.version = version;
        this.loadedVersion = version;
        this.cancellationReason = cancellationReason;
    }

    /** A new order at version 1, with its OrderCreated event pending. */
    static Order create(UUID id, CreateOrder command) {
        Order order = new Order(id, command.customerId(), command.currency(), command.lines(), command.discountCents(),
                OrderStatus.CREATED, 1, null);
        List<LineItem> items = command.lines().stream()
                .map(line -> new LineItem(line.sku(), line.quantity(), line.unitPriceCents()))
                .toList();
        order.pendingEvents.add(new PendingEvent(1, new OrderCreated(id, command.customerId(), command.currency(), items,
                command.discountCents())));
        return order;
    }

    /** An order as it was stored; {@code version} is the one an update must still find. */
    static Order restore(UUID id, String customerId, String currency, long discountCents, OrderStatus status, long version,
                         String cancellationReason, List<OrderLine> lines) {
        return new Order(id, customerId, currency, lines, discountCents, status, version, cancellationReason);
    }

    void confirm() {
        transition(OrderStatus.CONFIRMED, new OrderConfirmed(id));
    }

    void ship() {
        transition(OrderStatus.SHIPPED, new OrderShipped(id));
    }

    void cancel(String reason) {
        transition(OrderStatus.CANCELLED, new OrderCancelled(id, reason));
        this.cancellationReason = reason;
    }

    private void transition(OrderStatus next, OrderEvent event) {
        if (!status.allows(next)) {
            throw new IllegalTransitionException(id, status, next);
        }
        status = next;
        version++;
        pendingEvents.add(new PendingEvent(version, event));
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public String currency() {
        return currency;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public long discountCents() {
        return discountCents;
    }

    public OrderStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    /** The version this instance was loaded at: an update succeeds only if the stored row still has it. */
    public long loadedVersion() {
        return loadedVersion;
    }

    public String cancellationReason() {
        return cancellationReason;
    }

    /** The events recorded since this instance was created or loaded, oldest first. */
    public List<PendingEvent> pendingEvents() {
        return List.copyOf(pendingEvents);
    }

    /** An event the aggregate recorded, with the aggregate version it produced. */
    public record PendingEvent(long version, OrderEvent event) {
    }
}
