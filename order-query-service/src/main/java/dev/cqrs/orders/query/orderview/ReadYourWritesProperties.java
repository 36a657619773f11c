package dev.cqrs.orders.query.orderview;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of {@code GET /orders/{id}?minVersion=}, bound from {@code orders.query.read-your-writes.*}.
 *
 * @param maxWait               the server's cap on a client's {@code waitMs}; a larger value is clamped to it
 * @param defaultWait           the wait when the client gives {@code minVersion} but no {@code waitMs}
 * @param recheckInterval       the first fallback re-read of a waiting order, needed only when another replica
 *                              consumes its partition (this replica's listener wakes the requests otherwise)
 * @param recheckMaxInterval    the fallback re-read interval doubles after each re-read, up to this
 * @param maxRechecksPerSecond  fallback re-reads of all waiting orders together, at most, per second and replica
 * @param maxWaiting            waiting requests allowed at once; beyond that, requests are answered at once with what
 *                              the view has (marked stale if behind), so a burst cannot exhaust memory
 * @param threads               threads that read views for waiting requests
 */
@ConfigurationProperties("orders.query.read-your-writes")
record ReadYourWritesProperties(Duration maxWait, Duration defaultWait, Duration recheckInterval,
                                Duration recheckMaxInterval, int maxRechecksPerSecond, int maxWaiting, int threads) {

    ReadYourWritesProperties {
        if (maxWait == null || defaultWait == null || recheckInterval == null || recheckMaxInterval == null
                || maxWait.isNegative() || defaultWait.isNegative() || defaultWait.compareTo(maxWait) > 0
                || recheckInterval.toMillis() < 10 || recheckMaxInterval.compareTo(recheckInterval) < 0
                || maxRechecksPerSecond < 1 || maxWaiting < 0 || threads < 1) {
            throw new IllegalArgumentException("orders.query.read-your-writes needs 0 <= default-wait <= max-wait, "
                    + "recheck-interval >= 10ms, recheck-max-interval >= recheck-interval, max-rechecks-per-second >= 1, "
                    + "max-waiting >= 0 and threads >= 1; got " + maxWait + ", " + defaultWait + ", " + recheckInterval
                    + ", " + recheckMaxInterval + ", " + maxRechecksPerSecond + ", " + maxWaiting + ", " + threads);
        }
    }
}
