package dev.cqrs.orders.command.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes sure the replication slot exists before the first command can commit, and refuses to run when the
 * slot is gone but offsets say the relay had been running: WAL written since then is lost to the relay, and
 * carrying on would skip events silently. This runs during start-up, before the web server accepts requests.
 */
@Component
class ReplicationSlotGuard {

    private static final Logger log = LoggerFactory.getLogger(ReplicationSlotGuard.class);

    ReplicationSlotGuard(JdbcTemplate jdbc, RelayProperties properties) {
        String slot = properties.slotName();
        Boolean exists = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)",
                Boolean.class, slot);
        if (Boolean.TRUE.equals(exists)) {
            log.info("Replication slot '{}' exists; the relay resumes from its stored offsets", slot);
            return;
        }
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
}
