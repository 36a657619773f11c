package dev.cqrs.orders.e2e.chaos;

/** The status of an order, as both sides name it. */
public enum OrderStatus {
    CREATED, CONFIRMED, SHIPPED, CANCELLED
}
