package dev.cqrs.orders.query.faults;

/** Body of {@code POST /admin/faults}. */
record FaultRequest(String readModel, String orderId) {
}
