package dev.cqrs.orders.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The metadata every event travels with: its identity, its type and schema version, the aggregate it
 * belongs to and the aggregate version it produced, and when it happened.
 */
public record EventEnvelope(
        UUID eventId,
        String eventType,
        int schemaVersion,
        UUID aggregateId,
        long aggregateVersion,
        Instant occurredAt,
        OrderEvent event) {

    public EventEnvelope {
        Require.notNull(eventId, "eventId");
        Require.notNull(event, "event");
        Require.notNull(occurredAt, "occurredAt");
        Require.notNull(aggregateId, "aggregateId");
        String expectedType = EventTypes.nameOf(event.getClass());
        if (!expectedType.equals(eventType)) {
            throw new IllegalArgumentException("eventType '" + eventType + "' does not match the payload type " + expectedType);
        }
        if (!aggregateId.equals(event.orderId())) {
            throw new IllegalArgumentException("aggregateId " + aggregateId + " differs from the event's orderId " + event.orderId());
        }
        if (aggregateVersion < 1) {
            throw new IllegalArgumentException("aggregateVersion must be at least 1, got " + aggregateVersion);
        }
        if ((event instanceof OrderCreated) != (aggregateVersion == 1)) {
            throw new IllegalArgumentException("OrderCreated, and only OrderCreated, is at aggregate version 1; got "
                    + expectedType + " at version " + aggregateVersion);
        }
    }

    /** Wraps an event with the type name and schema version its class declares. */
    public static EventEnvelope of(UUID eventId, long aggregateVersion, Instant occurredAt, OrderEvent event) {
        Class<? extends OrderEvent> type = event.getClass();
        return new EventEnvelope(eventId, EventTypes.nameOf(type), EventTypes.versionOf(type), event.orderId(),
                aggregateVersion, occurredAt, event);
    }
}
