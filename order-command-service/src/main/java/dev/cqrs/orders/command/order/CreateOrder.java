package dev.cqrs.orders.command.order;

import java.util.List;

/** Place a new order for a customer, in one currency, with one or more lines. */
public record CreateOrder(String customerId, String currency, List<OrderLine> lines) implements Command<OrderRef> {

    static final int MAX_CUSTOMER_ID_LENGTH = 64;
    static final int MAX_LINES = 100;

    public CreateOrder {
        Check.notBlank(customerId, "customerId", MAX_CUSTOMER_ID_LENGTH);
        Check.currency(currency);
        Check.notNull(lines, "items");
        Check.that(!lines.isEmpty(), "an order must have at least one item");
        Check.that(lines.size() <= MAX_LINES, "an order has at most " + MAX_LINES + " items");
        lines.forEach(line -> Check.notNull(line, "items[]"));
        lines = List.copyOf(lines);
    }
}
