package dev.cqrs.orders.query.rebuild;

/**
 * A rebuild's place in one partition of the topic.
 *
 * @param position the next offset it projects
 * @param target   the partition's end offset when the rebuild started; copying ends there
 * @param end      the partition's end offset as last seen
 */
public record PartitionProgress(int partition, Long position, Long target, Long end) {
}
