package dev.cqrs.orders.query.customersummary;

import java.util.List;
import java.util.Map;

import dev.cqrs.orders.query.consumer.BatchProjector;
import dev.cqrs.orders.query.deadletter.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/** Feeds the order topic to the customer summary, in a consumer group of its own so no other read model can hold it up. */
@Component
class CustomerSummaryListener implements ConsumerSeekAware {

    private final BatchProjector projector;
    private final DeadLetters deadLetters;
    private final CustomerSummaryProjection projection;

    CustomerSummaryListener(BatchProjector projector, DeadLetters deadLetters, CustomerSummaryProjection projection) {
        this.projector = projector;
        this.deadLetters = deadLetters;
        this.projection = projection;
    }

    @KafkaListener(id = CustomerSummaryProjection.READ_MODEL, groupId = CustomerSummaryProjection.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        // Each poll as one batch (a few MongoDB round trips); an order's events keep their order, and a failing record
        // is retried or dead-lettered alone (BatchProjector).
        projector.project(records, projection, projected -> { });
    }

    /** Whoever held these partitions may have parked orders this replica does not know of: reload from the store. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        deadLetters.reload(projection.readModel());
    }
}
