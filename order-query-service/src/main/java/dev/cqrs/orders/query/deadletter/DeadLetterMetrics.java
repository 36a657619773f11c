package dev.cqrs.orders.query.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per read model: {@code orders.dead_letters.open} (OPEN letters, heads and parked) and
 * {@code orders.dead_letters.oldest.age.seconds} (age of the oldest OPEN letter, 0 when none). Counted in the store,
 * so every replica reports the same; a scrape re-reads it at most every {@code maxAge}, or at once after a change here.
 */
public class DeadLetterMetrics {

    public static final String OPEN = "orders.dead_letters.open";
    public static final String OLDEST_AGE = "orders.dead_letters.oldest.age.seconds";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private final DeadLetterStore store;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    public DeadLetterMetrics(DeadLetterStore store, Clock clock, Duration maxAge) {
        this.store = store;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public void register(MeterRegistry registry, Iterable<String> readModels) {
        for (String readModel : readModels) {
            Gauge.builder(OPEN, this, metrics -> metrics.snapshot(readModel).open())
                    .description("Dead letters of the read model that are OPEN: heads and the events parked behind them")
                    .tag("readModel", readModel)
                    .register(registry);
            Gauge.builder(OLDEST_AGE, this, metrics -> metrics.oldestAgeSeconds(readModel))
                    .description("Age of the read model's oldest OPEN dead letter, 0 when there is none")
                    .tag("readModel", readModel)
                    .register(registry);
        }
    }

    /** Something changed: the next reading goes to the store. */
    public void invalidate() {
        snapshots.clear();
    }

    double oldestAgeSeconds(String readModel) {
        Instant oldest = snapshot(readModel).oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    Snapshot snapshot(String readModel) {
        Snapshot current = snapshots.get(readModel);
        Instant now = clock.instant();
        if (current != null && current.readAt().plus(maxAge).isAfter(now)) {
            return current;
        }
        try {
            Snapshot fresh = new Snapshot(store.countOpen(readModel), store.oldestOpen(readModel).orElse(null), now);
            snapshots.put(readModel, fresh);
            return fresh;
        } catch (RuntimeException e) {
            log.warn("Could not count the dead letters of {} ({}); reporting the last known values", readModel, e.toString());
            return current == null ? new Snapshot(0, null, Instant.EPOCH) : current;
        }
    }

    record Snapshot(long open, Instant oldest, Instant readAt) {
    }
}
