package dev.cqrs.orders.command.cyclefixturea;

import java.util.List;

import dev.cqrs.orders.command.cyclefixtureb.Outbox;

/** Half of a package cycle that only {@code PackageCyclesSelfTest} imports: an order that knows its outbox. */
public record Order(List<Outbox> pending) {
}
