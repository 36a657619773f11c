package dev.cqrs.orders.command.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
 * trails the newest WAL position (bytes), how old the oldest unconfirmed WAL is, and what the slot keeps on disk:
 * whether a relay streams from it, its retained WAL against {@code max_slot_wal_keep_size}, and whether PostgreSQL
 * invalidated it. Every replica samples the slot from PostgreSQL, so a standby reports the same figures as the leader.
 */
@Component
class RelayMetrics {

    private static final Logger log = LoggerFactory.getLogger(RelayMetrics.class);
    /** Status updates trail by up to a second of WAL; below a page of WAL there is nothing meaningful pending. */
    private static final long PENDING_THRESHOLD_BYTES = 8192;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String slot;
    private final Timer commitToPublish;
    private final AtomicLong walLagBytes = new AtomicLong();
    // NaN until the first sample, and for a slot that is missing: nothing to report then, which alerts treat apart.
    private final AtomicReference<Double> retainedBytes = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> safeWalBytes = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> slotActive = new AtomicReference<>(Double.NaN);
    private final AtomicReference<String> walStatus = new AtomicReference<>();
    private final UnpublishedWalAge unpublishedAge = new UnpublishedWalAge();

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
                .description("While WAL is pending for the relay: age of the oldest WAL the slot has not confirmed")
                .register(registry);
        Gauge.builder("orders.relay.slot.active", slotActive, AtomicReference::get)
                .description("1 while a relay streams from the replication slot; 0 when it is inactive or missing")
                .register(registry);
        Gauge.builder("orders.relay.slot.retained.wal.bytes", retainedBytes, AtomicReference::get)
                .description("WAL the replication slot keeps on the server's disk (newest position minus restart_lsn)")
                .baseUnit("bytes").register(registry);
        Gauge.builder("orders.relay.slot.safe.wal.bytes", safeWalBytes, AtomicReference::get)
                .description("WAL that can still be written before max_slot_wal_keep_size invalidates the slot;"
                        + " NaN when unlimited").baseUnit("bytes").register(registry);
        Gauge.builder("orders.relay.slot.lost", this, m -> m.slotLost() ? 1 : 0)
                .description("1 when PostgreSQL invalidated the slot (max_slot_wal_keep_size): the relay cannot resume")
                .register(registry);
    }

    /** Called for each event Kafka acknowledged, with its {@code occurredAt} header. */
    void published(String occurredAt) {
        if (occurredAt == null) {
            return;
        }
        try {
            commitToPublish.record(Duration.between(Instant.parse(occurredAt), clock.instant()));
        } catch (DateTimeParseException e) {
            log.debug("Ignoring an unreadable occurredAt header '{}'", occurredAt);
        }
    }

    long walLagBytes() {
        return walLagBytes.get();
    }

    /** WAL the slot keeps on disk; 0 before the first sample or without a slot. */
    long retainedBytes() {
        double retained = retainedBytes.get();
        return Double.isNaN(retained) ? 0 : (long) retained;
    }

    /** The slot's wal_status (reserved, extended, unreserved, lost), null before the first sample or without a slot. */
    String walStatus() {
        return walStatus.get();
    }

    boolean slotLost() {
        return "lost".equals(walStatus.get());
    }

    @Scheduled(fixedDelayString = "${orders.relay.metrics-interval-ms:5000}")
    void sampleWalLag() {
        try {
            boolean found = Boolean.TRUE.equals(jdbc.query("""
                    SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint AS current_lsn,
                           (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint AS confirmed_lsn,
                           pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained,
                           active, wal_status, safe_wal_size
                    FROM pg_replication_slots WHERE slot_name = ?""", rs -> {
                if (!rs.next()) {
                    return false;
                }
                long current = rs.getLong("current_lsn");
                long confirmed = rs.getLong("confirmed_lsn");
                walLagBytes.set(rs.wasNull() ? 0 : Math.max(0, current - confirmed));
                if (!rs.wasNull()) {
                    unpublishedAge.sample(current, confirmed, clock.millis());
                }
                long retained = rs.getLong("retained");
                retainedBytes.set(rs.wasNull() ? Double.NaN : (double) retained);
                slotActive.set(rs.getBoolean("active") ? 1.0 : 0.0);
                walStatus.set(rs.getString("wal_status"));
                long safe = rs.getLong("safe_wal_size");
                safeWalBytes.set(rs.wasNull() ? Double.NaN : (double) safe);
                return true;
            }, slot));
            if (!found) {
                // A missing slot is an inactive one: nothing keeps the relay's WAL any more.
                slotActive.set(0.0);
                retainedBytes.set(Double.NaN);
                safeWalBytes.set(Double.NaN);
                walStatus.set(null);
            }
        } catch (RuntimeException e) {
            log.debug("Could not sample the WAL lag of slot '{}': {}", slot, e.getMessage());
        }
    }

    private double unpublishedAgeSeconds() {
        return unpublishedAgeSeconds(walLagBytes.get());
    }

    /** Age of the oldest WAL the slot has not confirmed, while {@code lagBytes} of WAL are pending; else 0. */
    double unpublishedAgeSeconds(long lagBytes) {
        if (lagBytes < PENDING_THRESHOLD_BYTES) {
            return 0;
        }
        return unpublishedAge.seconds(clock.millis());
    }
}
