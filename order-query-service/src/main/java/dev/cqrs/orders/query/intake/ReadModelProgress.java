package dev.cqrs.orders.query.intake;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The last record each live read model processed in this replica, per partition. With several replicas each one only
 * knows its own partitions; the group-wide position is the committed offset the lag monitor reads from Kafka.
 */
@Component
public class ReadModelProgress {

    private final Map<String, Map<Integer, LastApplied>> byReadModel = new ConcurrentHashMap<>();

    void applied(String readModel, int partition, long offset, Instant eventOccurredAt) {
        byReadModel.computeIfAbsent(readModel, name -> new ConcurrentHashMap<>())
                .put(partition, new LastApplied(offset, eventOccurredAt, Instant.now()));
    }

    /** Per partition, the last record processed (applied, duplicate or stale alike), in partition order. */
    public Map<Integer, LastApplied> of(String readModel) {
        return new TreeMap<>(byReadModel.getOrDefault(readModel, Map.of()));
    }

    /**
     * One processed record.
     *
     * @param offset          its offset in the partition (the committed offset is the next one, offset + 1)
     * @param eventOccurredAt when the command that produced it committed
     * @param appliedAt       when this replica finished processing it
     */
    public record LastApplied(long offset, Instant eventOccurredAt, Instant appliedAt) {
    }
}
