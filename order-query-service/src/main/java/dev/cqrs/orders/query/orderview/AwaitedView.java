package dev.cqrs.orders.query.orderview;

import java.time.Duration;
import java.util.Optional;

/**
 * The answer to a {@link GetOrder} with a minimum version: the view as it was when the wait ended, whether it had
 * reached the version asked for, and how long the request waited.
 */
record AwaitedView(Optional<OrderView> view, boolean reached, Duration waited) {

    /** The version the read model has, 0 when the order is not in it at all. */
    long currentVersion() {
        return view.map(OrderView::version).orElse(0L);
    }
}
