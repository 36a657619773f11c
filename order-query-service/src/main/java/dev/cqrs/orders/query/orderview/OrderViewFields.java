package dev.cqrs.orders.query.orderview;

/** Field names of an {@code order_views} document, shared by the projection that writes and the handler that reads. */
final class OrderViewFields {

    static final String COLLECTION = "order_views";

    static final String CUSTOMER_ID = "customerId";
    static final String STATUS = "status";
    static final String ITEMS = "items";
    static final String SKU = "sku";
    static final String QUANTITY = "quantity";
    static final String UNIT_PRICE_CENTS = "unitPriceCents";
    static final String LINE_TOTAL_CENTS = "lineTotalCents";
    static final String DISCOUNT_CENTS = "discountCents";
    static final String TOTAL_CENTS = "totalCents";
    static final String CURRENCY = "currency";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String CANCELLATION_REASON = "cancellationReason";

    private OrderViewFields() {
    }
}
