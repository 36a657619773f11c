package dev.cqrs.orders.query.customersummary;

import dev.cqrs.orders.query.problems.BadQueryException;

/** The query for one customer's summary. */
record GetCustomerSummary(String customerId) {

    // Same bound as the event contract's customer ids: a longer one cannot match anything.
    static final int MAX_CUSTOMER_ID_LENGTH = 64;

    GetCustomerSummary {
        if (customerId == null || customerId.isBlank() || customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
            throw new BadQueryException("Invalid customerId", "'customerId' must be 1 to " + MAX_CUSTOMER_ID_LENGTH
                    + " characters");
        }
    }
}
