package dev.cqrs.orders.query.orderlist;

/** Field names of an {@code order_summaries} document, shared by the projection, the indexes and the query. */
final class OrderListFields {

    static final String COLLECTION = "order_summaries";

    static final String CUSTOMER_ID = "customerId";
    static final String STATUS = "status";
    static final String TOTAL_CENTS = "totalCents";
    static final String CURRENCY = "currency";
    static final String ITEM_COUNT = "itemCount";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";

    private OrderListFields() {
    }
}
