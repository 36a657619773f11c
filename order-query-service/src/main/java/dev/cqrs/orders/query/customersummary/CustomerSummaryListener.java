package dev.cqrs.orders.query.customersummary;

import java.util.Map;

import dev.cqrs.orders.query.consumer.ProjectionDispatcher;
import dev.cqrs.orders.query.deadletter.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/** Feeds the order topic to the customer summary, in a consumer group of its own so no other read model can hold it up. */
@Component
class CustomerSummaryListener implements ConsumerSeekAware {

    private final ProjectionDispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final CustomerSummaryProjection projection;

    CustomerSummaryListener(ProjectionDispatcher dispatcher, DeadLetters deadLetters, CustomerSummaryProjection projection) {
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.projection = projection;
    }

    @KafkaListener(id = CustomerSummaryProjection.READ_MODEL, groupId = CustomerSummaryProjection.CONSUMER_GROUP,
            topics = "${orders.query.topic}", concurrency = "${orders.query.listener-concurrency}")
    void on(ConsumerRecord<String, String> record) {
        if (deadLetters.parkIfBlocked(projection.readModel(), record)) {
            return; // an earlier event of this order is a dead letter: this one waits behind it
        }
        dispatcher.dispatch(record, projection);
    }

    /** Whoever held these partitions may have parked orders this replica does not know of: reload from the store. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        deadLetters.reload(projection.readModel());
    }
}
