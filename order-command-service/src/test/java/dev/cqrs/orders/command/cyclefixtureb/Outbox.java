package dev.cqrs.orders.command.cyclefixtureb;

import dev.cqrs.orders.command.cyclefixturea.Order;

/** The other half: an outbox entry that knows its order. */
public record Outbox(Order order) {
}
