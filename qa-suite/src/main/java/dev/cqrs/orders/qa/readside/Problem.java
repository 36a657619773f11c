package dev.cqrs.orders.qa.readside;

/**
 * One disagreement between the ledger and the read side.
 *
 * @param orderId  the order, or null for a problem of a customer's summary
 * @param document the read-model document that shows it, as {@code <collection>/<_id>} (the live generation of that
 *                 collection), so that an operator can look at it
 */
public record Problem(Category category, String orderId, String customerId, String document, String detail) {

    /** What the problem is about: the order, or for a summary the customer. */
    public String subject() {
        return orderId != null ? orderId : customerId;
    }

    static String view(String orderId) {
        return "order_views/" + orderId;
    }

    static String listing(String orderId) {
        return "order_summaries/" + orderId;
    }

    static String summary(String customerId) {
        return "customer_summaries/" + customerId;
    }
}
