package dev.cqrs.orders.query.customersummary;

import dev.cqrs.orders.query.consumer.ProjectionDispatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the order topic to the customer summary, in a consumer group of its own so no other read model can hold it up. */
@Component
class CustomerSummaryListener {

    private final ProjectionDispatcher dispatcher;
    private final CustomerSummaryProjection projection;

    CustomerSummaryListener(ProjectionDispatcher dispatcher, CustomerSummaryProjection projection) {
        this.dispatcher = dispatcher;
        this.projection = projection;
    }

    @KafkaListener(id = CustomerSummaryProjection.READ_MODEL, groupId = CustomerSummaryProjection.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}")
    void on(ConsumerRecord<String, String> record) {
        dispatcher.dispatch(record, projection);
    }
}
