package dev.cqrs.orders.query.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RetryListener;

/**
 * Remembers, per consumer thread, how many deliveries of the record in hand failed, so that the recoverer (which runs
 * on the same thread, right after the last failure) can put the attempt count on the dead letter. One entry per thread.
 */
class DeliveryAttempts implements RetryListener {

    private final ThreadLocal<Attempt> last = new ThreadLocal<>();

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        last.set(new Attempt(record.topic(), record.partition(), record.offset(), deliveryAttempt));
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        last.remove();
    }

    /** Failed deliveries of this record so far; 1 for a record that was not retried (poison). */
    int of(ConsumerRecord<?, ?> record) {
        Attempt attempt = last.get();
        if (attempt != null && attempt.partition == record.partition() && attempt.offset == record.offset()
                && attempt.topic.equals(record.topic())) {
            return Math.max(1, attempt.count);
        }
        return 1;
    }

    private record Attempt(String topic, int partition, long offset, int count) {
    }
}
