package dev.cqrs.orders.query.deadletter;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.query.dead-letters.*}.
 *
 * @param gaugeMaxAge how long a reading of the dead-letter gauges is reused before the store is asked again
 */
@ConfigurationProperties("orders.query.dead-letters")
public record DeadLetterProperties(Duration gaugeMaxAge) {

    public DeadLetterProperties {
        if (gaugeMaxAge == null) {
            gaugeMaxAge = Duration.ofSeconds(5);
        }
        if (gaugeMaxAge.isNegative()) {
            throw new IllegalArgumentException("orders.query.dead-letters.gauge-max-age must not be negative");
        }
    }
}
