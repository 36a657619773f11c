package dev.cqrs.orders.query.orderlist;

import static dev.cqrs.orders.query.orderlist.OrderSummaryFields.CREATED_AT;
import static dev.cqrs.orders.query.orderlist.OrderSummaryFields.CURRENCY;
import static dev.cqrs.orders.query.orderlist.OrderSummaryFields.CUSTOMER_ID;
import static dev.cqrs.orders.query.orderlist.OrderSummaryFields.ITEM_COUNT;
import static dev.cqrs.orders.query.orderlist.OrderSummaryFields.STATUS;
import static dev.cqrs.orders.query.orderlist.OrderSummaryFields.TOTAL_CENTS;
import static dev.cqrs.orders.query.orderlist.OrderSummaryFields.UPDATED_AT;

import java.util.Date;
import java.util.List;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCancelled;
import dev.cqrs.orders.events.OrderConfirmed;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderEvent;
import dev.cqrs.orders.events.OrderShipped;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import dev.cqrs.orders.query.readmodel.VersionedWriter;
import org.bson.Document;

/** Projects every event of an order into one small summary in {@code order_summaries}, the source of order lists. */
class OrderSummaryProjection implements Projection {

    static final String READ_MODEL = "order-list";
    static final String CONSUMER_GROUP = "order-query.order-list";

    private final VersionedWriter writer;

    OrderSummaryProjection(VersionedStore store) {
        this.writer = new VersionedWriter(store, READ_MODEL);
    }

    @Override
    public String readModel() {
        return READ_MODEL;
    }

    @Override
    public ApplyOutcome apply(EventEnvelope envelope) {
        return writer.apply(change(envelope));
    }

    @Override
    public List<ApplyOutcome> applyAll(List<EventEnvelope> envelopes) {
        return writer.applyAll(envelopes.stream().map(this::change).toList());
    }

    private VersionedWriter.Change change(EventEnvelope envelope) {
        String orderId = envelope.aggregateId().toString();
        Date occurredAt = Date.from(envelope.occurredAt());
        OrderEvent event = envelope.event();
        if (event instanceof OrderCreated created) {
            return VersionedWriter.Change.creation(orderId, envelope.eventId(), created(created, occurredAt));
        }
        OrderStatus status;
        if (event instanceof OrderConfirmed) {
            status = OrderStatus.CONFIRMED;
        } else if (event instanceof OrderShipped) {
            status = OrderStatus.SHIPPED;
        } else if (event instanceof OrderCancelled) {
            status = OrderStatus.CANCELLED;
        } else {
            throw new IllegalStateException(READ_MODEL + " has no handling for " + event.getClass().getName());
        }
        Document change = new Document(STATUS, status.name()).append(UPDATED_AT, occurredAt);
        return VersionedWriter.Change.update(orderId, envelope.eventId(), envelope.aggregateVersion(), change);
    }

    private static Document created(OrderCreated created, Date occurredAt) {
        long itemCount = created.items().stream().mapToLong(LineItem::quantity).sum();
        return new Document(CUSTOMER_ID, created.customerId())
                .append(STATUS, OrderStatus.CREATED.name())
                .append(TOTAL_CENTS, created.totalCents())
                .append(CURRENCY, created.currency())
                .append(ITEM_COUNT, itemCount)
                .append(CREATED_AT, occurredAt)
                .append(UPDATED_AT, occurredAt);
    }
}
