package dev.cqrs.orders.query.customersummary;

import java.util.List;

import dev.cqrs.orders.query.consumer.BatchProjector;
import dev.cqrs.orders.query.consumer.ListenerAssignments;
import dev.cqrs.orders.query.consumer.ProjectionListener;
import dev.cqrs.orders.query.deadletter.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the order topic to the customer summary, in a consumer group of its own so no other read model can hold it up. */
@Component
class CustomerSummaryListener extends ProjectionListener {

    CustomerSummaryListener(BatchProjector projector, DeadLetters deadLetters, CustomerSummaryProjection projection,
                            ListenerAssignments assignments) {
        super(projector, deadLetters, projection, assignments);
    }

    @KafkaListener(id = CustomerSummaryReadModel.NAME, groupId = CustomerSummaryReadModel.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        project(records, projected -> { });
    }
}
