package dev.cqrs.orders.query.orderview;

import static dev.cqrs.orders.query.orderview.OrderViewFields.CANCELLATION_REASON;
import static dev.cqrs.orders.query.orderview.OrderViewFields.CREATED_AT;
import static dev.cqrs.orders.query.orderview.OrderViewFields.CURRENCY;
import static dev.cqrs.orders.query.orderview.OrderViewFields.CUSTOMER_ID;
import static dev.cqrs.orders.query.orderview.OrderViewFields.DISCOUNT_CENTS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.ITEMS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.LINE_TOTAL_CENTS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.QUANTITY;
import static dev.cqrs.orders.query.orderview.OrderViewFields.SKU;
import static dev.cqrs.orders.query.orderview.OrderViewFields.STATUS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.TOTAL_CENTS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.UNIT_PRICE_CENTS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.UPDATED_AT;

import java.util.Date;
import java.util.List;

import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderEvent;
import dev.cqrs.orders.events.OrderShipped;
import dev.cqrs.orders.query.readmodel.OrderDocumentProjection;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;

/** Projects every event of an order into one detailed document in {@code order_views}. */
class OrderViewProjection extends OrderDocumentProjection {

    OrderViewProjection(VersionedStore store) {
        super(OrderViewReadModel.NAME, store);
    }

    @Override
    protected Document created(OrderCreated created, Date occurredAt) {
        List<Document> items = created.items().stream()
                .map(item -> new Document(SKU, item.sku())
                        .append(QUANTITY, item.quantity())
                        .append(UNIT_PRICE_CENTS, item.unitPriceCents())
                        .append(LINE_TOTAL_CENTS, item.lineTotalCents()))
                .toList();
        return new Document(CUSTOMER_ID, created.customerId())
                .append(STATUS, OrderStatus.CREATED.name())
                .append(ITEMS, items)
                .append(DISCOUNT_CENTS, created.discountCents())
                .append(TOTAL_CENTS, created.totalCents())
                .append(CURRENCY, created.currency())
                .append(CREATED_AT, occurredAt)
                .append(UPDATED_AT, occurredAt);
    }

    @Override
    protected Document changed(OrderEvent event, Date occurredAt) {
        Document change = new Document(UPDATED_AT, occurredAt);
        if (event instanceof OrderConfirmed) {
            change.append(STATUS, OrderStatus.CONFIRMED.name());
        } else if (event instanceof OrderShipped) {
            change.append(STATUS, OrderStatus.SHIPPED.name());
        } else if (event instanceof OrderCancelled cancelled) {
            change.append(STATUS, OrderStatus.CANCELLED.name()).append(CANCELLATION_REASON, cancelled.reason());
        } else {
            throw unhandled(event);
        }
        return change;
    }
}
