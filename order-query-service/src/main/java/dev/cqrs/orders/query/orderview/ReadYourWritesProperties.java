package dev.cqrs.orders.query.orderview;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of {@code GET /orders/{id}?minVersion=}, bound from {@code orders.query.read-your-writes.*}.
 *
 * @param maxWait         the server's cap on a client's {@code waitMs}; a larger value is clamped to it
 * @param defaultWait     the wait when the client gives {@code minVersion} but no {@code waitMs}
 * @param recheckInterval how often a waiting request re-reads the view even without a notification, which it never
 *                        gets when another replica consumes the order's partition
 * @param maxWaiting      waiting requests allowed at once; beyond that, requests are answered at once with what the
 *                        view has (marked stale if behind), so a burst cannot exhaust memory
 * @param threads         threads of the scheduler that re-reads views for waiting requests and times them out
 */
@ConfigurationProperties("orders.query.read-your-writes")
record ReadYourWritesProperties(Duration maxWait, Duration defaultWait, Duration recheckInterval, int maxWaiting,
                                int threads) {

    ReadYourWritesProperties {
        if (maxWait == null || defaultWait == null || recheckInterval == null || maxWait.isNegative()
                || defaultWait.isNegative() || defaultWait.compareTo(maxWait) > 0
                || recheckInterval.toMillis() < 10 || maxWaiting < 0 || threads < 1) {
            throw new IllegalArgumentException("orders.query.read-your-writes needs 0 <= default-wait <= max-wait, "
                    + "recheck-interval >= 10ms, max-waiting >= 0 and threads >= 1; got " + maxWait + ", " + defaultWait
                    + ", " + recheckInterval + ", " + maxWaiting + ", " + threads);
        }
    }
}
