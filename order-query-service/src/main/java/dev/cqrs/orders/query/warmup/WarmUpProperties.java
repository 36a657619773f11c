package dev.cqrs.orders.query.warmup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The start-up warm-up, bound from {@code orders.query.warm-up.*}.
 *
 * @param enabled     whether the service warms up before it reports ready
 * @param orders      synthetic orders per round, each through its whole life
 * @param rounds      rounds of projecting them into scratch collections and reading them back
 * @param maxDuration the warm-up's time budget; it stops early rather than delay readiness longer
 * @param joinTimeout how long readiness also waits for every listener's first partition assignment, so a Kafka
 *                    outage at start delays serving reads by this much at most
 * @param httpRequests    reads the service sends itself over loopback before it reports ready (0: none), within
 *                        {@code maxDuration} of their own
 * @param httpConnections how many of them are in flight at once
 */
@ConfigurationProperties("orders.query.warm-up")
record WarmUpProperties(boolean enabled, int orders, int rounds, Duration maxDuration, Duration joinTimeout,
                        int httpRequests, int httpConnections) {

    WarmUpProperties {
        if (orders < 1 || rounds < 0 || maxDuration == null || joinTimeout == null || maxDuration.isNegative()
                || joinTimeout.isNegative() || httpRequests < 0 || httpConnections < 1) {
            throw new IllegalArgumentException("orders.query.warm-up needs orders >= 1, rounds >= 0, non-negative "
                    + "max-duration and join-timeout, http-requests >= 0 and http-connections >= 1; got " + orders + ", "
                    + rounds + ", " + maxDuration + ", " + joinTimeout + ", " + httpRequests + ", " + httpConnections);
        }
    }
}
