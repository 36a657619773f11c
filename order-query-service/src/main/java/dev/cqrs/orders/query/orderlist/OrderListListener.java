package dev.cqrs.orders.query.orderlist;

import java.util.List;

import dev.cqrs.orders.query.consumer.BatchProjector;
import dev.cqrs.orders.query.consumer.ListenerAssignments;
import dev.cqrs.orders.query.consumer.ProjectionListener;
import dev.cqrs.orders.query.deadletter.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the order topic to the order list, in a consumer group of its own so no other read model can hold it up. */
@Component
class OrderListListener extends ProjectionListener {

    OrderListListener(BatchProjector projector, DeadLetters deadLetters, OrderListProjection projection,
                      ListenerAssignments assignments) {
        super(projector, deadLetters, projection, assignments);
    }

    @KafkaListener(id = OrderListReadModel.NAME, groupId = OrderListReadModel.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        project(records, projected -> { });
    }
}
