package dev.cqrs.orders.query.readmodel;

import java.util.Date;
import java.util.List;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.events.OrderEvent;
import org.bson.Document;

/**
 * A projection that keeps one document per order through a {@link VersionedWriter}: the creation inserts it, every
 * later event sets a few fields. A subclass says only which fields.
 */
public abstract class OrderDocumentProjection implements Projection {

    private final String readModel;
    private final VersionedWriter writer;

    protected OrderDocumentProjection(String readModel, VersionedStore store) {
        this.readModel = readModel;
        this.writer = new VersionedWriter(store, readModel);
    }

    /** The fields of a new order's document. */
    protected abstract Document created(OrderCreated created, Date occurredAt);

    /** The fields a later event of the order sets; {@link #unhandled} for an event it does not know. */
    protected abstract Document changed(OrderEvent event, Date occurredAt);

    @Override
    public final String readModel() {
        return readModel;
    }

    @Override
    public final ApplyOutcome apply(EventEnvelope envelope) {
        return writer.apply(change(envelope));
    }

    @Override
    public final List<ApplyOutcome> applyAll(List<EventEnvelope> envelopes) {
        return writer.applyAll(envelopes.stream().map(this::change).toList());
    }

    protected final IllegalStateException unhandled(OrderEvent event) {
        return new IllegalStateException(readModel + " has no handling for " + event.getClass().getName());
    }

    private VersionedWriter.Change change(EventEnvelope envelope) {
        String orderId = envelope.aggregateId().toString();
        // BSON dates keep milliseconds; that precision is what the read model promises.
        Date occurredAt = Date.from(envelope.occurredAt());
        if (envelope.event() instanceof OrderCreated created) {
            return VersionedWriter.Change.creation(orderId, envelope.eventId(), created(created, occurredAt));
        }
        return VersionedWriter.Change.update(orderId, envelope.eventId(), envelope.aggregateVersion(),
                changed(envelope.event(), occurredAt));
    }
}
