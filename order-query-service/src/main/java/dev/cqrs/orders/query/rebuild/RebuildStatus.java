package dev.cqrs.orders.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * The progress of a read model's latest rebuild, as {@code GET /admin/rebuilds/{readModel}} returns it.
 *
 * @param running          whether a replica holds it right now (its lease has not expired)
 * @param runs             how many times it was started or resumed
 * @param eventsApplied    records projected into the new generation so far (duplicates included)
 * @param eventsSkipped    records skipped as not valid order events or as version gaps in the topic
 * @param eventsPerSecond  the pace of the current run; null before it measured one
 * @param remainingEvents  records left: to the start's end offsets while copying, to the current end afterwards
 * @param etaSeconds       remainingEvents at eventsPerSecond; null when unknown
 * @param collections      the collections it writes, i.e. the new generation
 */
public record RebuildStatus(
        String readModel,
        RebuildState state,
        boolean running,
        long generation,
        long previousGeneration,
        List<String> collections,
        String owner,
        int runs,
        long eventsApplied,
        long eventsSkipped,
        Double eventsPerSecond,
        Long remainingEvents,
        Long etaSeconds,
        List<PartitionProgress> partitions,
        Instant startedAt,
        Instant updatedAt,
        Instant switchedAt,
        Instant finishedAt,
        String error) {

    static RebuildStatus of(RebuildCheckpoint checkpoint, List<String> collections, Instant now) {
        TreeSet<Integer> partitionIds = new TreeSet<>(checkpoint.targets().keySet());
        partitionIds.addAll(checkpoint.positions().keySet());
        List<PartitionProgress> partitions = partitionIds.stream()
                .map(partition -> new PartitionProgress(partition, checkpoint.positions().get(partition),
                        checkpoint.targets().get(partition), checkpoint.ends().get(partition)))
                .toList();
        Long remaining = null;
        if (!checkpoint.targets().isEmpty()) {
            var goal = checkpoint.state() == RebuildState.COPYING ? checkpoint.targets() : checkpoint.ends();
            remaining = goal.entrySet().stream()
                    .mapToLong(end -> Math.max(0, end.getValue() - checkpoint.positions().getOrDefault(end.getKey(), 0L)))
                    .sum();
        }
        Double rate = null;
        if (checkpoint.runStartedAt() != null && checkpoint.updatedAt() != null) {
            long millis = Duration.between(checkpoint.runStartedAt(), checkpoint.updatedAt()).toMillis();
            long events = checkpoint.applied() - checkpoint.appliedAtRunStart();
            if (millis > 0 && events > 0) {
                rate = events * 1000.0 / millis;
            }
        }
        Long eta = null;
        if (checkpoint.state().finished()) {
            eta = 0L;
        } else if (remaining != null && rate != null) {
            eta = (long) Math.ceil(remaining / rate);
        }
        boolean running = !checkpoint.state().finished() && checkpoint.leaseUntil() != null
                && checkpoint.leaseUntil().isAfter(now);
        return new RebuildStatus(checkpoint.readModel(), checkpoint.state(), running, checkpoint.generation(),
                checkpoint.fromGeneration(), collections, checkpoint.owner(), checkpoint.runs(), checkpoint.applied(),
                checkpoint.skipped(), rate, remaining, eta, partitions, checkpoint.startedAt(), checkpoint.updatedAt(),
                checkpoint.switchedAt(), checkpoint.finishedAt(), checkpoint.error());
    }
}
