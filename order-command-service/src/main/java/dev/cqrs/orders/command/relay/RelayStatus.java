package dev.cqrs.orders.command.relay;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** What the relay is doing, for the health endpoint and the logs: its state, how much it published, its last error. */
@Component("relay")
class RelayStatus implements HealthIndicator {

    /** SLOT_LOST: PostgreSQL invalidated the replication slot; the relay cannot resume without an operator. */
    enum State { STOPPED, STARTING, STREAMING, FAILING, SLOT_LOST }

    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>(State.STOPPED);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong warmUps = new AtomicLong();
    private final AtomicReference<Instant> lastPublishedAt = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean leading;

    RelayStatus(Clock clock) {
        this.clock = clock;
    }

    void leading(boolean leading) {
        this.leading = leading;
        if (!leading) {
            state.set(State.STOPPED);
        }
    }

    boolean isLeading() {
        return leading;
    }

    void starting() {
        state.set(State.STARTING);
    }

    void streaming() {
        state.set(State.STREAMING);
    }

    void stopped() {
        state.set(State.STOPPED);
    }

    void failing(Throwable error) {
        state.set(State.FAILING);
        lastError.set(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    void slotLost(Throwable error) {
        state.set(State.SLOT_LOST);
        lastError.set(error.getMessage());
    }

    void published(int count) {
        published.addAndGet(count);
        lastPublishedAt.set(clock.instant());
        state.set(State.STREAMING);
    }

    /** Warm-up rows read and acknowledged, never published ({@link RelayWarmUp}). */
    void warmedUp(int count) {
        warmUps.addAndGet(count);
        synchronized (warmUps) {
            warmUps.notifyAll();
        }
    }

    long warmUpCount() {
        return warmUps.get();
    }

    /** Waits until {@code count} warm-up rows were acknowledged in all, or until {@code deadline} (nanoTime). */
    long awaitWarmUps(long count, long deadline) throws InterruptedException {
        synchronized (warmUps) {
            for (long left; warmUps.get() < count && (left = deadline - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.timedWait(warmUps, left);
            }
        }
        return warmUps.get();
    }

    State state() {
        return state.get();
    }

    long publishedCount() {
        return published.get();
    }

    Instant lastPublishedAt() {
        return lastPublishedAt.get();
    }

    @Override
    public Health health() {
        State current = state.get();
        // Only the overall health shows this: commands keep working while the relay fails (the WAL keeps their
        // events), so the readiness probe must not take the service out of rotation for it.
        Health.Builder builder = current == State.FAILING || current == State.SLOT_LOST ? Health.down() : Health.up();
        builder.withDetail("leader", leading).withDetail("state", current).withDetail("published", published.get());
        if (lastPublishedAt.get() != null) {
            builder.withDetail("lastPublishedAt", lastPublishedAt.get().toString());
        }
        if (lastError.get() != null) {
            builder.withDetail("lastError", lastError.get());
        }
        return builder.build();
    }
}
