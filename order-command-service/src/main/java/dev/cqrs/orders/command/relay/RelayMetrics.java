package dev.cqrs.orders.command.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Relay lag, as operators need it: the commit→publish delay of each event, how far the slot's confirmed position
 * trails the newest WAL position (bytes), and how long ago the relay last published while WAL is still pending; and the
 * slot's own health: whether a relay is attached to it, and the WAL it retains against {@code max_slot_wal_keep_size}.
 */
@Component
class RelayMetrics {

    private static final Logger log = LoggerFactory.getLogger(RelayMetrics.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String slot;
    private final Timer commitToPublish;
    private final AtomicLong walLagBytes = new AtomicLong();
    private final AtomicLong lastPublishedOccurredAt = new AtomicLong();
    private volatile SlotSample slotSample = SlotSample.UNKNOWN;

    RelayMetrics(JdbcTemplate jdbc, Clock clock, RelayProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.slot = properties.slotName();
        this.commitToPublish = Timer.builder("orders.relay.commit.to.publish")
                .description("Delay from an event's commit to Kafka's acknowledgement of it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("orders.relay.wal.lag.bytes", walLagBytes, AtomicLong::get)
                .description("Newest WAL position minus the position the relay has confirmed").baseUnit("bytes")
                .register(registry);
        Gauge.builder("orders.relay.unpublished.age.seconds", this, RelayMetrics::unpublishedAgeSeconds)
                .description("While WAL is pending for the relay: seconds since the newest event it published was committed")
                .register(registry);
        Gauge.builder("orders.relay.slot.active", this, metrics -> metrics.slotSample.active())
                .description("1 while a relay streams from the replication slot; 0 when it is inactive or missing")
                .register(registry);
        Gauge.builder("orders.relay.slot.retained.wal.bytes", this, metrics -> metrics.slotSample.retainedBytes())
                .description("WAL the replication slot keeps on the database's disk (newest position minus restart_lsn)")
                .baseUnit("bytes").register(registry);
        Gauge.builder("orders.relay.slot.safe.wal.bytes", this, metrics -> metrics.slotSample.safeBytes())
                .description("WAL that may still be written before max_slot_wal_keep_size invalidates the slot; NaN when unlimited")
                .baseUnit("bytes").register(registry);
    }

    /** Called for each event Kafka acknowledged, with its {@code occurredAt} header. */
    void published(String occurredAt) {
        if (occurredAt == null) {
            return;
        }
        try {
            Instant committed = Instant.parse(occurredAt);
            commitToPublish.record(Duration.between(committed, clock.instant()));
            lastPublishedOccurredAt.accumulateAndGet(committed.toEpochMilli(), Math::max);
        } catch (DateTimeParseException e) {
            log.debug("Ignoring an unreadable occurredAt header '{}'", occurredAt);
        }
    }

    long walLagBytes() {
        return walLagBytes.get();
    }

    @Scheduled(fixedDelayString = "${orders.relay.metrics-interval-ms:5000}")
    void sampleWalLag() {
        try {
            var rows = jdbc.query("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint AS lag,"
                    + " active, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained, safe_wal_size"
                    + " FROM pg_replication_slots WHERE slot_name = ?", (row, i) -> {
                        Object safe = row.getObject("safe_wal_size");
                        return new SlotSample(row.getLong("lag"), row.getBoolean("active") ? 1 : 0,
                                row.getLong("retained"), safe == null ? Double.NaN : ((Number) safe).doubleValue());
                    }, slot);
            rows.stream().findFirst().ifPresent(sample -> walLagBytes.set(sample.lagBytes()));
            // A missing slot is an inactive one: nothing keeps the relay's WAL any more.
            slotSample = rows.isEmpty() ? SlotSample.MISSING : rows.get(0);
        } catch (RuntimeException e) {
            log.debug("Could not sample the WAL lag of slot '{}': {}", slot, e.getMessage());
        }
    }

    private double unpublishedAgeSeconds() {
        return unpublishedAgeSeconds(walLagBytes.get());
    }

    /** Seconds since the newest published event was committed, while {@code lagBytes} of WAL are pending. */
    double unpublishedAgeSeconds(long lagBytes) {
        long last = lastPublishedOccurredAt.get();
        // Status updates trail by up to a second of WAL; below a page of WAL there is nothing meaningful pending.
        if (lagBytes < 8192 || last == 0) {
            return 0;
        }
        return Math.max(0, (clock.millis() - last) / 1000.0);
    }

    /** The slot as last sampled; NaN where unknown (before the first sample, or the slot is missing). */
    private record SlotSample(long lagBytes, double active, double retainedBytes, double safeBytes) {
        static final SlotSample UNKNOWN = new SlotSample(0, Double.NaN, Double.NaN, Double.NaN);
        static final SlotSample MISSING = new SlotSample(0, 0, Double.NaN, Double.NaN);
    }
}
