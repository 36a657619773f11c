package dev.cqrs.orders.query.deadletter;

import java.time.Instant;
import java.util.Map;

/**
 * One record a live read model could not apply (role HEAD) or held back behind such a record of the same order
 * (role PARKED). Stored in {@code dead_letters}, one document per (read model, record).
 *
 * @param id               {@code <readModel>:<topic>:<partition>:<offset>}, so a redelivery stores nothing twice
 * @param orderId          the record key (null when the record had none)
 * @param eventId          from the headers or the value, when readable
 * @param aggregateVersion 0 when unknown
 * @param attempts         deliveries before the error handler gave up, plus failed replays
 * @param payload          the record's value as it was, for replay
 * @param headers          the record's headers, decoded as UTF-8
 */
public record DeadLetter(
        String id,
        String readModel,
        String orderId,
        String topic,
        int partition,
        long offset,
        String eventId,
        String eventType,
        long aggregateVersion,
        String errorClass,
        String errorMessage,
        int attempts,
        String payload,
        Map<String, String> headers,
        Role role,
        Status status,
        Instant createdAt,
        Instant resolvedAt) {

    public enum Role { HEAD, PARKED }

    public enum Status { OPEN, REPLAYED, DISCARDED }

    static String idOf(String readModel, String topic, int partition, long offset) {
        return readModel + ":" + topic + ":" + partition + ":" + offset;
    }

    DeadLetter asHead(String errorClass, String errorMessage, int attempts) {
        return new DeadLetter(id, readModel, orderId, topic, partition, offset, eventId, eventType, aggregateVersion,
                errorClass, errorMessage, attempts, payload, headers, Role.HEAD, status, createdAt, resolvedAt);
    }

    DeadLetter resolved(Status newStatus, Instant at) {
        return new DeadLetter(id, readModel, orderId, topic, partition, offset, eventId, eventType, aggregateVersion,
                errorClass, errorMessage, attempts, payload, headers, role, newStatus, createdAt, at);
    }
}
