package dev.cqrs.orders.qa.ledger;

/** The status of an order, as both sides name it. */
public enum OrderStatus {
    CREATED, CONFIRMED, SHIPPED, CANCELLED
}
