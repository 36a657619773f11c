package dev.cqrs.orders.query.orderview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far behind the commands this replica's order view is: the delay of the event it applied last, from the
 * command's commit (the event's occurredAt) to now. Only a recent measure counts: a listener with nothing to apply
 * says nothing about the next event.
 */
final class ViewDelay {

    /** How long the last measure speaks for the view; past that it is unknown (caught up, or no events). */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final Clock clock;
    private volatile long appliedAtMillis = Long.MIN_VALUE;
    private volatile long delayMillis;

    ViewDelay(Clock clock) {
        this.clock = clock;
    }

    /** The listener applied an event of a command that committed at {@code occurredAt}. */
    void applied(Instant occurredAt) {
        long now = clock.millis();
        delayMillis = now - occurredAt.toEpochMilli();
        appliedAtMillis = now;
    }

    /** Whether an event committed now would, at the view's current pace, be applied only after {@code wait}. */
    boolean behindBy(Duration wait) {
        long appliedAt = appliedAtMillis;
        return appliedAt != Long.MIN_VALUE && clock.millis() - appliedAt <= FRESH_FOR.toMillis()
                && delayMillis > wait.toMillis();
    }
}
