package dev.cqrs.orders.query.consumer;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;

/** What a live listener projected: the decoded event and what applying it did. */
public record Projected(EventEnvelope envelope, ApplyOutcome outcome) {
}
