package dev.cqrs.orders.query.customersummary;

/**
 * Field names of the customer summary's two collections: per-order facts in {@value #FACTS} (keyed by order id) and
 * one summary per customer in {@value #SUMMARIES} (keyed by customer id).
 */
final class CustomerSummaryFields {

    static final String FACTS = "customer_order_facts";
    static final String SUMMARIES = "customer_summaries";

    // customer_order_facts: what the summary needs to know about one order, at its latest version.
    static final String CUSTOMER_ID = "customerId";
    static final String CURRENCY = "currency";
    static final String TOTAL_CENTS = "totalCents";
    static final String CREATED_AT = "createdAt";
    static final String STATUS = "status";

    // customer_summaries: the counters, and the ledger of what they count for each order.
    static final String ORDERS = "orders";
    static final String LEDGER_VERSION = "v";
    static final String LEDGER_STATUS = "s";
    static final String COUNTS = "counts";
    static final String TOTALS = "totals";
    static final String LAST_ORDER_AT = "lastOrderAt";

    private CustomerSummaryFields() {
    }
}
