package dev.cqrs.orders.query.orderview;

import dev.cqrs.orders.query.consumer.Projected;
import dev.cqrs.orders.query.consumer.ProjectionDispatcher;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the order topic to the order view, in a consumer group of its own so no other read model can hold it up, and
 * wakes the requests waiting for the version it applied.
 */
@Component
class OrderViewListener {

    private final ProjectionDispatcher dispatcher;
    private final OrderViewProjection projection;
    private final OrderVersionWaiters waiters;

    OrderViewListener(ProjectionDispatcher dispatcher, OrderViewProjection projection, OrderVersionWaiters waiters) {
        this.dispatcher = dispatcher;
        this.projection = projection;
        this.waiters = waiters;
    }

    @KafkaListener(id = OrderViewProjection.READ_MODEL, groupId = OrderViewProjection.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}")
    void on(ConsumerRecord<String, String> record) {
        Projected projected = dispatcher.dispatch(record, projection);
        if (projected.outcome() == ApplyOutcome.APPLIED) {
            waiters.applied(projected.envelope().aggregateId(), projected.envelope().aggregateVersion());
        }
    }
}
