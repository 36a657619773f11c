package dev.cqrs.orders.query.orderlist;

import static dev.cqrs.orders.query.orderlist.OrderListFields.CREATED_AT;
import static dev.cqrs.orders.query.orderlist.OrderListFields.CURRENCY;
import static dev.cqrs.orders.query.orderlist.OrderListFields.CUSTOMER_ID;
import static dev.cqrs.orders.query.orderlist.OrderListFields.ITEM_COUNT;
import static dev.cqrs.orders.query.orderlist.OrderListFields.STATUS;
import static dev.cqrs.orders.query.orderlist.OrderListFields.TOTAL_CENTS;
import static dev.cqrs.orders.query.orderlist.OrderListFields.UPDATED_AT;

import java.util.Date;

import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderEvent;
import dev.cqrs.orders.events.OrderShipped;
import dev.cqrs.orders.query.readmodel.OrderDocumentProjection;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;

/** Projects every event of an order into one small summary in {@code order_summaries}, the source of order lists. */
class OrderListProjection extends OrderDocumentProjection {

    OrderListProjection(VersionedStore store) {
        super(OrderListReadModel.NAME, store);
    }

    @Override
    protected Document created(OrderCreated created, Date occurredAt) {
        long itemCount = created.items().stream().mapToLong(LineItem::quantity).sum();
        return new Document(CUSTOMER_ID, created.customerId())
                .append(STATUS, OrderStatus.CREATED.name())
                .append(TOTAL_CENTS, created.totalCents())
                .append(CURRENCY, created.currency())
                .append(ITEM_COUNT, itemCount)
                .append(CREATED_AT, occurredAt)
                .append(UPDATED_AT, occurredAt);
    }

    @Override
    protected Document changed(OrderEvent event, Date occurredAt) {
        OrderStatus status;
        if (event instanceof OrderConfirmed) {
            status = OrderStatus.CONFIRMED;
        } else if (event instanceof OrderShipped) {
            status = OrderStatus.SHIPPED;
        } else if (event instanceof OrderCancelled) {
            status = OrderStatus.CANCELLED;
        } else {
            throw unhandled(event);
        }
        return new Document(STATUS, status.name()).append(UPDATED_AT, occurredAt);
    }
}
