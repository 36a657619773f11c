package dev.cqrs.orders.command.warmup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The start-up warm-up, bound from {@code orders.warm-up.*}.
 *
 * @param enabled     whether the service warms up before it reports ready
 * @param orders      orders taken through every handler in transactions that are rolled back
 * @param maxDuration the warm-up's time budget; it stops early rather than delay readiness longer
 * @param relayEvents synthetic events the relay reads and acknowledges without publishing them, on the replica that
 *                    leads it; their wait for the relay has a budget of its own, {@code maxDuration} again
 */
@ConfigurationProperties("orders.warm-up")
record WarmUpProperties(boolean enabled, int orders, Duration maxDuration, int relayEvents) {

    WarmUpProperties {
        if (orders < 0 || relayEvents < 0 || maxDuration == null || maxDuration.isNegative()) {
            throw new IllegalArgumentException("orders.warm-up needs orders >= 0, relay-events >= 0 and a non-negative"
                    + " max-duration; got " + orders + ", " + relayEvents + ", " + maxDuration);
        }
    }
}
