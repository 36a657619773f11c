package dev.cqrs.orders.command.order;

/** One line of an order on the write side. Limits keep every total far from overflow. */
public record OrderLine(String sku, int quantity, long unitPriceCents) {

    static final int MAX_SKU_LENGTH = 64;
    static final int MAX_QUANTITY = 1_000_000;
    static final long MAX_UNIT_PRICE_CENTS = 10_000_000_000L;

    public OrderLine {
        Check.notBlank(sku, "sku", MAX_SKU_LENGTH);
        Check.that(quantity >= 1 && quantity <= MAX_QUANTITY, "quantity must be between 1 and " + MAX_QUANTITY + ", got " + quantity);
        Check.that(unitPriceCents >= 0 && unitPriceCents <= MAX_UNIT_PRICE_CENTS,
                "unitPriceCents must be between 0 and " + MAX_UNIT_PRICE_CENTS + ", got " + unitPriceCents);
    }
}
