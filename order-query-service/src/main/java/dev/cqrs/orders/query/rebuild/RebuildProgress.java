package dev.cqrs.orders.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The mutable state of one running rebuild, confined to its job's thread: where it is in each partition, its phase
 * and its counts, plus the last state it saved, to fall back to when a batch has to be done again.
 */
final class RebuildProgress {

    final long generation;
    final long fromGeneration;
    final Instant startedAt;
    final Instant runStartedAt;
    final long appliedAtRunStart;
    final int runs;
    RebuildState state;
    Map<Integer, Long> positions;
    Map<Integer, Long> targets;
    Map<Integer, Long> ends;
    long applied;
    long skipped;
    Instant switchedAt;
    Instant finishedAt;
    String error;
    private Map<Integer, Long> savedPositions;
    private long savedApplied;
    private long savedSkipped;

    RebuildProgress(RebuildCheckpoint checkpoint, Instant runStartedAt) {
        this.generation = checkpoint.generation();
        this.fromGeneration = checkpoint.fromGeneration();
        this.startedAt = checkpoint.startedAt();
        this.runStartedAt = runStartedAt;
        this.appliedAtRunStart = checkpoint.applied();
        this.runs = checkpoint.runs();
        this.state = checkpoint.state();
        this.positions = new HashMap<>(checkpoint.positions());
        this.targets = new HashMap<>(checkpoint.targets());
        this.ends = new HashMap<>(checkpoint.ends());
        this.applied = checkpoint.applied();
        this.skipped = checkpoint.skipped();
        this.switchedAt = checkpoint.switchedAt();
        saved();
    }

    RebuildCheckpoint checkpoint(String readModel, String owner, Instant now, Duration lease) {
        return new RebuildCheckpoint(readModel, generation, fromGeneration, state, positions, targets, ends, applied,
                skipped, runs, startedAt, runStartedAt, appliedAtRunStart, now, switchedAt, finishedAt, owner,
                now.plus(lease), error);
    }

    /** What was just stored is what a retry starts from. */
    void saved() {
        savedPositions = new HashMap<>(positions);
        savedApplied = applied;
        savedSkipped = skipped;
    }

    /** Back to the last stored state, to do the batches since then again (idempotency makes that harmless). */
    void rollBack() {
        positions = new HashMap<>(savedPositions);
        applied = savedApplied;
        skipped = savedSkipped;
    }

    void add(BatchApplier.Counts counts) {
        applied += counts.applied();
        skipped += counts.skipped();
    }

    /** Whether every partition's position is at or past the given offset. */
    boolean reached(Map<Integer, Long> offsets) {
        return offsets.entrySet().stream()
                .allMatch(target -> positions.getOrDefault(target.getKey(), 0L) >= target.getValue());
    }

    /** Records between the positions and the given offsets, over all partitions. */
    long remaining(Map<Integer, Long> offsets) {
        return offsets.entrySet().stream()
                .mapToLong(end -> Math.max(0, end.getValue() - positions.getOrDefault(end.getKey(), 0L)))
                .sum();
    }

    static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> byPartition = new HashMap<>();
        offsets.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
        return byPartition;
    }
}
