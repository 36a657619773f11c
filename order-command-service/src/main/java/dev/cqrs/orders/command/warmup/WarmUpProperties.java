package dev.cqrs.orders.command.warmup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The start-up warm-up, bound from {@code orders.warm-up.*}.
 *
 * @param enabled     whether the service warms up before it reports ready
 * @param orders      orders taken through every handler in transactions that are rolled back
 * @param requests    refused HTTP requests sent to itself
 * @param maxDuration the warm-up's time budget; it stops early rather than delay readiness longer
 */
@ConfigurationProperties("orders.warm-up")
record WarmUpProperties(boolean enabled, int orders, int requests, Duration maxDuration) {

    WarmUpProperties {
        if (orders < 0 || requests < 0 || maxDuration == null || maxDuration.isNegative()) {
            throw new IllegalArgumentException("orders.warm-up needs orders >= 0, requests >= 0 and a non-negative "
                    + "max-duration; got " + orders + ", " + requests + ", " + maxDuration);
        }
    }
}
