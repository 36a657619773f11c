package dev.cqrs.orders.command.relay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes sure the replication slot exists before the first command can commit, and refuses to run when the
 * slot is gone but offsets say the relay had been running: WAL written since then is lost to the relay, and
 * carrying on would skip events silently. It is a start-up step of its own, on every replica, relay or not: it runs
 * when the context starts, before the relay's leadership and before the web server accepts requests.
 */
@Component
class ReplicationSlotGuard implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplicationSlotGuard.class);
    /** Debezium's Postgres offset is JSON with the last processed position as {@code "lsn": <number>}. */
    private static final Pattern OFFSET_LSN = Pattern.compile("\"lsn\"\\s*:\\s*(\\d+)");

    private final JdbcTemplate jdbc;
    private final String slot;

    private volatile boolean checked;

    ReplicationSlotGuard(JdbcTemplate jdbc, RelayProperties properties) {
        this.jdbc = jdbc;
        this.slot = properties.slotName();
    }

    /** The start-up check; a failure fails the start of the application context, so the service never serves. */
    @Override
    public void start() {
        Boolean exists = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)",
                Boolean.class, slot);
        if (Boolean.TRUE.equals(exists)) {
            refuseIfInvalidated();
            refuseIfTheSlotNoLongerKeepsTheOffsetsWal(jdbc, slot);
            log.info("Replication slot '{}' exists; the relay resumes from its stored offsets", slot);
        } else {
            createTheSlotUnlessOffsetsSayItWasLost();
        }
        checked = true;
    }

    private void createTheSlotUnlessOffsetsSayItWasLost() {
        Integer offsets = jdbc.queryForObject("SELECT count(*) FROM relay_offsets", Integer.class);
        if (offsets != null && offsets > 0) {
            throw new IllegalStateException("Replication slot '" + slot + "' is missing, but relay offsets exist: events"
                    + " committed after the slot was lost may never reach Kafka. Refusing to start. To recover: compare"
                    + " the orders table with the read side, re-emit what is missing, then delete the rows of"
                    + " relay_offsets to let the relay create a fresh slot (see README, 'Relay recovery').");
        }
        try {
            jdbc.queryForObject("SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput')", String.class, slot);
        } catch (DuplicateKeyException e) {
            log.info("Replication slot '{}' was created concurrently by another replica", slot);
            return;
        }
        log.info("Created replication slot '{}': from now on every committed outbox row is kept in the WAL until relayed", slot);
    }

    @Override
    public void stop() {
        checked = false;
    }

    @Override
    public boolean isRunning() {
        return checked;
    }

    /** Before the relay's leadership and the web server: lower phases start first. */
    @Override
    public int getPhase() {
        return RelayLeadership.PHASE - 1024;
    }

    /**
     * PostgreSQL invalidates a slot whose retained WAL passed {@code max_slot_wal_keep_size} (wal_status 'lost'): the
     * slot still exists, but the WAL it kept is gone and it can never stream again. Events committed in that WAL may
     * never have reached Kafka, so neither resuming nor silently re-creating the slot is safe.
     */
    void refuseIfInvalidated() {
        String status = jdbc.query("SELECT wal_status FROM pg_replication_slots WHERE slot_name = ?",
                rs -> rs.next() ? rs.getString(1) : null, slot);
        if ("lost".equals(status)) {
            throw new SlotInvalidatedException("Replication slot '" + slot + "' was invalidated by PostgreSQL (wal_status"
                    + " 'lost': its retained WAL passed max_slot_wal_keep_size and was removed). The relay cannot resume;"
                    + " events committed in the removed WAL may never reach Kafka. Recover by hand: see"
                    + " docs/replication-slot.md, 'When the slot is invalidated'.");
        }
    }

    /** The slot can never stream again; the message says what the operator must do. */
    static final class SlotInvalidatedException extends IllegalStateException {
        SlotInvalidatedException(String message) {
            super(message);
        }
    }

    /**
     * A slot only moves its restart position after the relay stored offsets past it, so the slot's restart_lsn can
     * never be ahead of the stored offset. If it is, the slot was dropped and recreated (or the offsets were restored
     * from an old backup): the WAL between the two is gone, and resuming would skip whatever it held.
     */
    private static void refuseIfTheSlotNoLongerKeepsTheOffsetsWal(JdbcTemplate jdbc, String slot) {
        // Only this slot's offsets: the key is the connector name and {"server": <topic prefix = slot name>}.
        Long offsetLsn = jdbc.query("SELECT convert_from(offset_value, 'UTF8') FROM relay_offsets"
                + " WHERE convert_from(offset_key, 'UTF8') LIKE ?", rs -> {
            Long lowest = null;
            while (rs.next()) {
                Matcher lsn = OFFSET_LSN.matcher(String.valueOf(rs.getString(1)));
                if (lsn.find()) {
                    long value = Long.parseLong(lsn.group(1));
                    lowest = lowest == null ? value : Math.min(lowest, value);
                }
            }
            return lowest;
        }, "%\"server\":\"" + slot + "\"%");
        if (offsetLsn == null) {
            return;
        }
        Long restartLsn = jdbc.queryForObject("SELECT (restart_lsn - '0/0'::pg_lsn)::bigint FROM pg_replication_slots"
                + " WHERE slot_name = ?", Long.class, slot);
        if (restartLsn != null && restartLsn > offsetLsn) {
            throw new IllegalStateException("Replication slot '" + slot + "' starts at WAL position " + restartLsn
                    + ", after the relay's stored offset " + offsetLsn + ": the slot was recreated, or the offsets are older"
                    + " than the WAL it keeps. Events in between may never reach Kafka. Refusing to start; see README,"
                    + " 'Relay recovery'.");
        }
    }
}
