package dev.cqrs.orders.query.orderview;

import dev.cqrs.orders.query.consumer.ProjectionDispatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the order topic to the order view, in a consumer group of its own so no other read model can hold it up. */
@Component
class OrderViewListener {

    private final ProjectionDispatcher dispatcher;
    private final OrderViewProjection projection;

    OrderViewListener(ProjectionDispatcher dispatcher, OrderViewProjection projection) {
        this.dispatcher = dispatcher;
        this.projection = projection;
    }

    @KafkaListener(id = OrderViewProjection.READ_MODEL, groupId = OrderViewProjection.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}")
    void on(ConsumerRecord<String, String> record) {
        dispatcher.dispatch(record, projection);
    }
}
