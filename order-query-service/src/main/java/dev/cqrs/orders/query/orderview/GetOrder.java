package dev.cqrs.orders.query.orderview;

import java.util.UUID;

/** The query for one order by its id. */
record GetOrder(UUID orderId) {
}
