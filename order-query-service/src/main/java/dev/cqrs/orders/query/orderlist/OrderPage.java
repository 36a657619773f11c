package dev.cqrs.orders.query.orderlist;

import java.util.List;

/** One page of {@code GET /orders}: {@code next} is the opaque cursor of the following page, or null at the end. */
public record OrderPage(List<OrderListItem> items, String next) {
}
