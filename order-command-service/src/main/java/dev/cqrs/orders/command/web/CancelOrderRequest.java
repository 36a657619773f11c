package dev.cqrs.orders.command.web;

/** The body of {@code POST /orders/{id}/cancel}. */
record CancelOrderRequest(String reason) {
}
