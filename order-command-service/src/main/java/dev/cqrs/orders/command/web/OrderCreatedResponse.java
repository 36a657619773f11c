package dev.cqrs.orders.command.web;

import java.util.UUID;

/** The body of a 201 for {@code POST /orders}: the id and nothing more. */
record OrderCreatedResponse(UUID orderId) {
}
