package dev.cqrs.orders.query.orderview;

import java.util.Map;

import dev.cqrs.orders.query.consumer.Projected;
import dev.cqrs.orders.query.consumer.ProjectionDispatcher;
import dev.cqrs.orders.query.deadletter.DeadLetters;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds the order topic to the order view, in a consumer group of its own so no other read model can hold it up, and
 * wakes the requests waiting for the version it applied.
 */
@Component
class OrderViewListener implements ConsumerSeekAware {

    private final ProjectionDispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final OrderViewProjection projection;
    private final OrderVersionWaiters waiters;

    OrderViewListener(ProjectionDispatcher dispatcher, DeadLetters deadLetters, OrderViewProjection projection,
                      OrderVersionWaiters waiters) {
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.projection = projection;
        this.waiters = waiters;
    }

    @KafkaListener(id = OrderViewProjection.READ_MODEL, groupId = OrderViewProjection.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}")
    void on(ConsumerRecord<String, String> record) {
        if (deadLetters.parkIfBlocked(projection.readModel(), record)) {
            return; // an earlier event of this order is a dead letter: this one waits behind it
        }
        Projected projected = dispatcher.dispatch(record, projection);
        if (projected.outcome() == ApplyOutcome.APPLIED) {
            waiters.applied(projected.envelope().aggregateId(), projected.envelope().aggregateVersion());
        }
    }

    /** Whoever held these partitions may have parked orders this replica does not know of: reload from the store. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        deadLetters.reload(projection.readModel());
    }
}
