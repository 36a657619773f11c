package dev.cqrs.orders.events;

/** One line of an order as it was created: a SKU, how many, and the price of one in minor units. */
public record LineItem(String sku, int quantity, long unitPriceCents) {

    public static final int MAX_SKU_LENGTH = 64;

    public LineItem {
        Require.notBlank(sku, "sku", MAX_SKU_LENGTH);
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be greater than 0, got " + quantity);
        }
        if (unitPriceCents < 0) {
            throw new IllegalArgumentException("unitPriceCents must not be negative, got " + unitPriceCents);
        }
    }

    /** Quantity times unit price; fails rather than wrapping around on overflow. */
    public long lineTotalCents() {
        return Math.multiplyExact(unitPriceCents, (long) quantity);
    }
}
