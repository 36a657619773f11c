package dev.cqrs.orders.command.order;

/**
 * Who sends a transition: a customer, who may change only its own orders, or {@link #STAFF}, who may change any. An
 * order another customer owns is answered like a missing one, so that a customer cannot learn it exists.
 *
 * @param customerId the acting customer; null for staff
 */
public record Actor(String customerId) {

    public static final Actor STAFF = new Actor(null);

    public static Actor customer(String customerId) {
        Check.notNull(customerId, "customerId");
        return new Actor(customerId);
    }

    /** Refuses, as not found, an order this actor may not change. */
    void check(Order order) {
        if (customerId != null && !customerId.equals(order.customerId())) {
            throw new OrderNotFoundException(order.id());
        }
    }
}
