package dev.cqrs.orders.query.orderview;

/** One line of an {@link OrderView}: the unit price times the quantity gives the line total, in minor units. */
public record OrderViewItem(String sku, int quantity, long unitPriceCents, long lineTotalCents) {
}
