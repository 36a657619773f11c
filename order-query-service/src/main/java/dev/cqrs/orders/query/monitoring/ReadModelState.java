package dev.cqrs.orders.query.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * One read model as {@code GET /admin/read-models} reports it.
 *
 * @param generation         the live generation (0 = never rebuilt) and its collections
 * @param lagRecords         records its consumer group has not committed yet, over all partitions; null before the first
 *                           measurement
 * @param lagMeasuredAt      when that was measured (every {@code lag-poll-interval})
 * @param lastAppliedEventAt the occurredAt of the newest event this replica applied; null if none since it started
 * @param delay              commit-to-applied delay of the events this replica applied
 */
public record ReadModelState(
        String readModel,
        String consumerGroup,
        long generation,
        List<String> collections,
        Long lagRecords,
        Instant lagMeasuredAt,
        Instant lastAppliedEventAt,
        DelayStats delay,
        List<PartitionState> partitions) {
}
