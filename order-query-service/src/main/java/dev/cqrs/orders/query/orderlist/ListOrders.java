package dev.cqrs.orders.query.orderlist;

import java.util.Arrays;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.problems.BadQueryException;

/**
 * The query for a page of order summaries, newest first, optionally narrowed to one customer and/or one status.
 *
 * @param customerId only this customer's orders, or null for all
 * @param status     only orders in this status, or null for all
 * @param limit      the page size, 1 to {@value #MAX_LIMIT}
 * @param after      the page starts strictly after this position, or null for the first page
 */
record ListOrders(String customerId, OrderStatus status, int limit, PageCursor after) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    // Same bound as the event contract's customer ids: a longer one cannot match anything.
    private static final int MAX_CUSTOMER_ID_LENGTH = 64;

    ListOrders {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    /**
     * Builds the query from raw request parameters (each may be null or empty, meaning "not given"). A limit
     * above the maximum is clamped, not refused, so that generous clients still get an answer.
     */
    static ListOrders fromRequest(String customerId, String status, Integer limit, String after) {
        String customer = blankToNull(customerId);
        if (customer != null && customer.length() > MAX_CUSTOMER_ID_LENGTH) {
            throw new BadQueryException("Invalid customerId", "'customerId' must be at most " + MAX_CUSTOMER_ID_LENGTH
                    + " characters");
        }
        String statusText = blankToNull(status);
        OrderStatus parsedStatus = statusText == null ? null : OrderStatus.parse(statusText).orElseThrow(() ->
                new BadQueryException("Invalid status", "'status' must be one of " + Arrays.toString(OrderStatus.values())
                        + ", got '" + statusText + "'"));
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1) {
            throw new BadQueryException("Invalid limit", "'limit' must be at least 1, got " + pageSize);
        }
        String cursor = blankToNull(after);
        return new ListOrders(customer, parsedStatus, Math.min(pageSize, MAX_LIMIT),
                cursor == null ? null : PageCursor.decode(cursor));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
