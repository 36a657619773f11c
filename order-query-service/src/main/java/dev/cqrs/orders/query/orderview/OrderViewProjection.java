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

import dev.cqrs.orders.events.EventEnvelope;
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

/** Projects every event of an order into one detailed document in {@code order_views}. */
class OrderViewProjection implements Projection {

    static final String READ_MODEL = "order-view";
    static final String CONSUMER_GROUP = "order-query.order-view";

    private final VersionedWriter writer;

    OrderViewProjection(VersionedStore store) {
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
        // BSON dates keep milliseconds; that precision is what the read model promises.
        Date occurredAt = Date.from(envelope.occurredAt());
        OrderEvent event = envelope.event();
        if (event instanceof OrderCreated created) {
            return VersionedWriter.Change.creation(orderId, envelope.eventId(), created(created, occurredAt));
        }
        Document change = new Document(UPDATED_AT, occurredAt);
        if (event instanceof OrderConfirmed) {
            change.append(STATUS, OrderStatus.CONFIRMED.name());
        } else if (event instanceof OrderShipped) {
            change.append(STATUS, OrderStatus.SHIPPED.name());
        } else if (event instanceof OrderCancelled cancelled) {
            change.append(STATUS, OrderStatus.CANCELLED.name()).append(CANCELLATION_REASON, cancelled.reason());
        } else {
            throw new IllegalStateException(READ_MODEL + " has no handling for " + event.getClass().getName());
        }
        return VersionedWriter.Change.update(orderId, envelope.eventId(), envelope.aggregateVersion(), change);
    }

    private static Document created(OrderCreated created, Date occurredAt) {
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
}
