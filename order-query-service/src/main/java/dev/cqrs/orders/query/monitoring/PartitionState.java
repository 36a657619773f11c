package dev.cqrs.orders.query.monitoring;

import java.time.Instant;

/**
 * One partition of the order topic as a read model's consumer group sees it.
 *
 * @param committedOffset    the group's committed offset: every record before it was applied (group-wide)
 * @param endOffset          the partition's end (read-committed)
 * @param lag                endOffset minus committedOffset
 * @param lastAppliedOffset  the offset of the last record this replica applied, null if it has not consumed this
 *                           partition since it started (another replica may own it)
 * @param lastAppliedEventAt that record's occurredAt
 * @param lastAppliedAt      when this replica applied it
 */
public record PartitionState(
        int partition,
        Long committedOffset,
        Long endOffset,
        Long lag,
        Long lastAppliedOffset,
        Instant lastAppliedEventAt,
        Instant lastAppliedAt) {
}
