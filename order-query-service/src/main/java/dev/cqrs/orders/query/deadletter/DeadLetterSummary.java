package dev.cqrs.orders.query.deadletter;

import java.time.Instant;

/** One line of {@code GET /admin/dead-letters}. */
public record DeadLetterSummary(String id, String readModel, String orderId, String eventType, long aggregateVersion,
                                String error, int attempts, DeadLetter.Role role, DeadLetter.Status status,
                                int partition, long offset, Instant createdAt) {

    static DeadLetterSummary of(DeadLetter letter) {
        String error = letter.errorClass() == null ? null
                : letter.errorClass().substring(letter.errorClass().lastIndexOf('.') + 1) + ": " + letter.errorMessage();
        return new DeadLetterSummary(letter.id(), letter.readModel(), letter.orderId(), letter.eventType(),
                letter.aggregateVersion(), error, letter.attempts(), letter.role(), letter.status(), letter.partition(),
                letter.offset(), letter.createdAt());
    }
}
