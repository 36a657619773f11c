package dev.cqrs.orders.query.consumer;

import dev.cqrs.orders.events.EventDecodingException;
import java.nio.charset.StandardCharsets;

import dev.cqrs.orders.query.QueryProperties;
import dev.cqrs.orders.query.deadletter.DeadLetters;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one error policy of both read models' listeners (Boot applies this handler to the listener container factory):
 * <ul>
 *   <li>poison ({@link EventDecodingException}): dead-lettered at once, the partition moves on;</li>
 *   <li>a version gap or an unexpected error: retried with exponential back-off for a bounded time, then
 *       dead-lettered;</li>
 *   <li>a store outage: retried with back-off for as long as it lasts and never dead-lettered, since the record is
 *       fine and would be lost to the read model; so are the records a listener leaves at shutdown
 *       ({@link ServiceStopping}), which the next consumer applies.</li>
 * </ul>
 * A dead letter keeps the original topic, partition, offset, consumer group and exception in its headers, plus
 * {@value #ATTEMPTS_HEADER} (the failed deliveries). It is also stored as the head of its order in the read model's
 * sequenced dead letters ({@link DeadLetters}), which parks that order's later events behind it.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandlingConfig {

    /** Header of a dead letter: how many deliveries failed before it was dead-lettered (decimal text). */
    static final String ATTEMPTS_HEADER = "attempts";

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafkaTemplate, QueryProperties properties,
                                          DeadLetters sequenced) {
        DeliveryAttempts attempts = new DeliveryAttempts();
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                // Partition -1 lets the producer partition by key, so the DLT need not mirror the source's partitions.
                (record, failure) -> new TopicPartition(properties.deadLetterTopic(), -1));
        deadLetters.setHeadersFunction((record, failure) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(ATTEMPTS_HEADER, Integer.toString(attempts.of(record)).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, failure) -> {
            if (Failures.neverDeadLetter(failure)) {
                // Belt and braces: the back-off below never gives up on these, but if it did, retry rather than lose.
                throw new IllegalStateException("refusing to dead-letter " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + " for a store failure; it will be retried", failure);
            }
            // First the sequenced letter, so that the order's next record (which this thread polls only after
            // recovery) is parked; a failure here makes the record be retried, and storing it again is a no-op.
            sequenced.recordFailure(KafkaUtils.getConsumerGroupId(), record, failure, attempts.of(record));
            deadLetters.accept(record, consumer, Failures.withoutBatchWrapper(failure));
        };

        QueryProperties.Retry retry = properties.retry();
        BackOff bounded = backOff(retry, retry.gapMaxElapsed().toMillis());
        BackOff unbounded = backOff(retry, Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, bounded);
        handler.setBackOffFunction((record, failure) -> Failures.neverDeadLetter(failure) ? unbounded : bounded);
        handler.addNotRetryableExceptions(EventDecodingException.class);
        // When a gap turns into an outage (or back), the new kind of failure starts its own back-off from scratch.
        handler.setResetStateOnExceptionChange(true);
        // RetryLogging says what happened and what to do; the handler's own stack trace per attempt would drown it.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        handler.setRetryListeners(new RetryLogging(properties.deadLetterTopic()), attempts);
        return handler;
    }

    private static BackOff backOff(QueryProperties.Retry retry, long maxElapsedMillis) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(maxElapsedMillis);
        return backOff;
    }
}
