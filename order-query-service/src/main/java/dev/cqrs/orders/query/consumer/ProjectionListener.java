package dev.cqrs.orders.query.consumer;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.cqrs.orders.query.deadletter.DeadLetters;
import dev.cqrs.orders.query.readmodel.Projection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * What every read model's Kafka listener does; a subclass adds only its {@code @KafkaListener} (its own consumer
 * group, so no other read model can hold it up) and, if it needs one, what to do with each applied event.
 */
public abstract class ProjectionListener implements ConsumerSeekAware {

    private final BatchProjector projector;
    private final DeadLetters deadLetters;
    private final Projection projection;
    private final ListenerAssignments assignments;

    protected ProjectionListener(BatchProjector projector, DeadLetters deadLetters, Projection projection,
                                 ListenerAssignments assignments) {
        this.projector = projector;
        this.deadLetters = deadLetters;
        this.projection = projection;
        this.assignments = assignments;
    }

    /**
     * Each poll as one batch (a few MongoDB round trips); an order's events keep their order, and a failing record is
     * retried or dead-lettered alone ({@link BatchProjector}).
     */
    protected void project(List<ConsumerRecord<String, String>> records, Consumer<Projected> applied) {
        projector.project(records, projection, applied);
    }

    /** Whoever held these partitions may have parked orders this replica does not know of: reload from the store. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assigned, ConsumerSeekCallback callback) {
        deadLetters.reload(projection.readModel());
        assignments.joined(projection.readModel());
    }
}
