package dev.cqrs.orders.query;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the query service, bound from {@code orders.query.*} (defaults and environment variables are in
 * application.yml).
 *
 * @param topic               the order event topic the read models are built from
 * @param deadLetterTopic     where records that cannot be projected are parked for an operator
 * @param database            the MongoDB database holding the read models
 * @param topicPartitions     partitions of both topics when this service has to create them
 * @param listenerConcurrency consumer threads per read model; more than the partition count only idles
 * @param retry               how failed records are retried before (or instead of) dead-lettering
 */
@ConfigurationProperties("orders.query")
public record QueryProperties(
        String topic,
        String deadLetterTopic,
        String database,
        int topicPartitions,
        int listenerConcurrency,
        Retry retry) {

    public QueryProperties {
        requireText(topic, "orders.query.topic");
        requireText(deadLetterTopic, "orders.query.dead-letter-topic");
        requireText(database, "orders.query.database");
        if (topic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("orders.query.dead-letter-topic must differ from orders.query.topic (" + topic + ")");
        }
        if (topicPartitions < 1 || listenerConcurrency < 1) {
            throw new IllegalArgumentException("orders.query.topic-partitions and listener-concurrency must be at least 1");
        }
        if (retry == null) {
            throw new IllegalArgumentException("orders.query.retry.* is required");
        }
    }

    /**
     * Back-off settings shared by both read models.
     *
     * @param initialInterval the first pause after a failure; it doubles on every further failure
     * @param maxInterval     the longest pause between two attempts
     * @param gapMaxElapsed   how long a version gap (or an unexpected error) is retried before the record is
     *                        dead-lettered; store outages are retried without limit
     */
    public record Retry(Duration initialInterval, Duration maxInterval, Duration gapMaxElapsed) {

        public Retry {
            if (initialInterval == null || maxInterval == null || gapMaxElapsed == null
                    || initialInterval.isNegative() || initialInterval.isZero()
                    || maxInterval.compareTo(initialInterval) < 0 || gapMaxElapsed.isNegative()) {
                throw new IllegalArgumentException("orders.query.retry needs 0 < initial-interval <= max-interval and "
                        + "gap-max-elapsed >= 0, got " + initialInterval + ", " + maxInterval + ", " + gapMaxElapsed);
            }
        }
    }

    private static void requireText(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " must be set");
        }
    }
}
