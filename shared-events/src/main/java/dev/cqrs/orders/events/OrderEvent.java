package dev.cqrs.orders.events;

import java.util.UUID;

/** Something that happened to one Order; each permitted record is one event type of the contract. */
public sealed interface OrderEvent permits OrderCreated, OrderConfirmed, OrderShipped, OrderCancelled {

    /** The aggregate type written to the outbox; Debezium's EventRouter routes on it. */
    String AGGREGATE_TYPE = "Order";

    UUID orderId();
}
