package dev.cqrs.orders.query.faults;

/** One injected fault: the projection of {@code readModel} fails every event of {@code orderId}. */
record Fault(String readModel, String orderId) {
}
