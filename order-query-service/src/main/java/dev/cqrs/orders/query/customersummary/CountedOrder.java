package dev.cqrs.orders.query.customersummary;

import dev.cqrs.orders.query.readmodel.OrderStatus;

/** What a customer summary's counters currently count for one order: its status as of {@code version}. */
record CountedOrder(long version, OrderStatus status) {
}
