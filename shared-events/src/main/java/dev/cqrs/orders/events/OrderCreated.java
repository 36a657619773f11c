package dev.cqrs.orders.events;

import java.util.List;
import java.util.UUID;

/** An order was placed; the only event that carries items, because they are the order's initial facts. */
@EventType(name = "OrderCreated", version = 1)
public record OrderCreated(UUID orderId, String customerId, String currency, List<LineItem> items)
        implements OrderEvent {

    public static final int MAX_CUSTOMER_ID_LENGTH = 64;

    public OrderCreated {
        Require.notNull(orderId, "orderId");
        Require.notBlank(customerId, "customerId", MAX_CUSTOMER_ID_LENGTH);
        Require.isoCurrency(currency);
        Require.notNull(items, "items");
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an order must have at least one item");
        }
        items.forEach(item -> Require.notNull(item, "items[]"));
        items = List.copyOf(items);
    }

    /** The sum of the line totals, in minor units of {@link #currency()}. */
    public long totalCents() {
        long total = 0;
        for (LineItem item : items) {
            total = Math.addExact(total, item.lineTotalCents());
        }
        return total;
    }
}
