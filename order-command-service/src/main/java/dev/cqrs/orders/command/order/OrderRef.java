package dev.cqrs.orders.command.order;

import java.util.UUID;

/** What a command answers: which order, and the version the command produced. No domain data. */
public record OrderRef(UUID orderId, long version) {
}
