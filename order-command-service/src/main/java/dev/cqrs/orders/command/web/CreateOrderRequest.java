package dev.cqrs.orders.command.web;

import java.util.List;

import dev.cqrs.orders.command.order.CreateOrder;
import dev.cqrs.orders.command.order.InvalidCommandException;
import dev.cqrs.orders.command.order.OrderLine;

/** The body of {@code POST /orders}. Boxed numbers tell a missing field from a zero; the discount is optional. */
record CreateOrderRequest(String customerId, String currency, List<Item> items, Long discountCents) {

    record Item(String sku, Integer quantity, Long unitPriceCents) {
    }

    /** The same request for the customer the caller may act for (a customer token's own id where the body named none). */
    CreateOrderRequest forCustomer(String customer) {
        return new CreateOrderRequest(customer, currency, items, discountCents);
    }

    CreateOrder toCommand(String idempotencyKey) {
        if (items == null) {
            throw new InvalidCommandException("items is required");
        }
        List<OrderLine> lines = items.stream().map(CreateOrderRequest::toLine).toList();
        return new CreateOrder(customerId, currency, lines, discountCents == null ? 0 : discountCents, idempotencyKey);
    }

    private static OrderLine toLine(Item item) {
        if (item == null) {
            throw new InvalidCommandException("items must not contain null");
        }
        if (item.quantity() == null) {
            throw new InvalidCommandException("items[].quantity is required");
        }
        if (item.unitPriceCents() == null) {
            throw new InvalidCommandException("items[].unitPriceCents is required");
        }
        return new OrderLine(item.sku(), item.quantity(), item.unitPriceCents());
    }
}
