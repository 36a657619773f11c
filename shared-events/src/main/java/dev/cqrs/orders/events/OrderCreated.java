package dev.cqrs.orders.events;

import java.util.List;
import java.util.UUID;

/**
 * An order was placed; the only event that carries items, because they are the order's initial facts.
 * Version 2 added {@code discountCents}; version 1 messages are upcast on read with a discount of 0.
 */
@EventType(name = "OrderCreated", version = 2)
public record OrderCreated(UUID orderId, String customerId, String currency, List<LineItem> items, long discountCents)
        implements OrderEvent {

    public static final int MAX_CUSTOMER_ID_LENGTH = 64;

    /** An order without a discount. */
    public OrderCreated(UUID orderId, String customerId, String currency, List<LineItem> items) {
        this(orderId, customerId, currency, items, 0);
    }

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
        if (discountCents < 0) {
            throw new IllegalArgumentException("discountCents must not be negative, got " + discountCents);
        }
        long gross;
        try {
            gross = grossTotal(items);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the order's total does not fit in 64 bits of minor units");
        }
        if (discountCents > gross) {
            throw new IllegalArgumentException("discountCents " + discountCents + " exceeds the order's gross total " + gross);
        }
    }

    /** The sum of the line totals before the discount, in minor units of {@link #currency()}. */
    public long grossTotalCents() {
        return grossTotal(items);
    }

    /** What the customer pays: the gross total minus the discount. */
    public long totalCents() {
        return grossTotalCents() - discountCents;
    }

    private static long grossTotal(List<LineItem> items) {
        long total = 0;
        for (LineItem item : items) {
            total = Math.addExact(total, item.lineTotalCents());
        }
        return total;
    }
}
