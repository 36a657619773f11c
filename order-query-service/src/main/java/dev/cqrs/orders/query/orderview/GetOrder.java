package dev.cqrs.orders.query.orderview;

import java.time.Duration;
import java.util.UUID;

/**
 * The query for one order by its id, optionally "at least this version" (read-your-writes).
 *
 * @param orderId    the order
 * @param minVersion the version the caller needs, typically the ETag the command side returned; 0 for any version
 * @param maxWait    how long to wait for the read model to reach {@code minVersion}; zero when not waiting
 */
record GetOrder(UUID orderId, long minVersion, Duration maxWait) {

    GetOrder {
        if (minVersion < 0 || maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("minVersion must be >= 0 and maxWait >= 0, got " + minVersion + ", " + maxWait);
        }
    }

    /** Whatever version the read model has. */
    GetOrder(UUID orderId) {
        this(orderId, 0, Duration.ZERO);
    }
}
