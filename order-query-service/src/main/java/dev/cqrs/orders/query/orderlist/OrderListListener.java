package dev.cqrs.orders.query.orderlist;

import dev.cqrs.orders.query.consumer.ProjectionDispatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the order topic to the order list, in a consumer group of its own so no other read model can hold it up. */
@Component
class OrderListListener {

    private final ProjectionDispatcher dispatcher;
    private final OrderSummaryProjection projection;

    OrderListListener(ProjectionDispatcher dispatcher, OrderSummaryProjection projection) {
        this.dispatcher = dispatcher;
        this.projection = projection;
    }

    @KafkaListener(id = OrderSummaryProjection.READ_MODEL, groupId = OrderSummaryProjection.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}")
    void on(ConsumerRecord<String, String> record) {
        dispatcher.dispatch(record, projection);
    }
}
