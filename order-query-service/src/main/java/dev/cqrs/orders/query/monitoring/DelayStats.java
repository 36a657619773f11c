package dev.cqrs.orders.query.monitoring;

/**
 * The {@code orders.projection.delay} timer of one read model in this replica: how long after the command committed
 * (the event's occurredAt) the read model applied it. Percentiles cover roughly the last two minutes; null when no
 * event was applied in that window.
 */
public record DelayStats(long count, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {
}
