package dev.cqrs.orders.query.customersummary;

/**
 * Field names of the customer summary's three collections: per-order facts in {@value #FACTS} and per-order
 * contributions in {@value #CONTRIBUTIONS} (both keyed by order id), and one summary per customer in
 * {@value #SUMMARIES} (keyed by customer id). No document grows with a customer's order count.
 */
final class CustomerSummaryFields {

    static final String FACTS = "customer_order_facts";
    static final String CONTRIBUTIONS = "customer_order_contributions";
    static final String SUMMARIES = "customer_summaries";

    // customer_order_facts and customer_order_contributions: what the summary needs to know about one order. In the
    // facts it is the order at its latest version; in a contribution it is what the summary counts (or is about to).
    static final String CUSTOMER_ID = "customerId";
    static final String CURRENCY = "currency";
    static final String TOTAL_CENTS = "totalCents";
    static final String CREATED_AT = "createdAt";
    static final String STATUS = "status";

    // customer_order_contributions: the move of the counters in flight, until the summary has taken it.
    static final String PENDING = "pending";
    static final String PENDING_ID = "id";
    static final String PENDING_SEQ = "seq";
    static final String PENDING_FROM = "from";

    // customer_summaries: the counters, and the bookkeeping that makes each move count once.
    static final String COUNTS = "counts";
    static final String TOTALS = "totals";
    static final String LAST_ORDER_AT = "lastOrderAt";
    static final String MOVES = "moves";
    static final String MOVES_SEQ = "seq";
    static final String MOVES_IDS = "ids";

    private CustomerSummaryFields() {
    }
}
