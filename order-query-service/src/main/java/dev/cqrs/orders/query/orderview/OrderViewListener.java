package dev.cqrs.orders.query.orderview;

import java.util.List;

import dev.cqrs.orders.query.consumer.BatchProjector;
import dev.cqrs.orders.query.consumer.ListenerAssignments;
import dev.cqrs.orders.query.consumer.ProjectionListener;
import dev.cqrs.orders.query.deadletter.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the order topic to the order view, in a consumer group of its own so no other read model can hold it up, and
 * wakes the requests waiting for the version it applied.
 */
@Component
class OrderViewListener extends ProjectionListener {

    private final OrderVersionWaiters waiters;

    OrderViewListener(BatchProjector projector, DeadLetters deadLetters, OrderViewProjection projection,
                      ListenerAssignments assignments, OrderVersionWaiters waiters) {
        super(projector, deadLetters, projection, assignments);
        this.waiters = waiters;
    }

    @KafkaListener(id = OrderViewReadModel.NAME, groupId = OrderViewReadModel.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        project(records, projected -> waiters.applied(projected.envelope().aggregateId(),
                projected.envelope().aggregateVersion()));
    }
}
