package dev.cqrs.orders.command.relay;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/relay}: the relay seen from PostgreSQL (leader, WAL positions) and from this replica (state,
 * counts). Leader and positions are read from the server, so any replica answers them the same.
 */
@RestController
class RelayAdminController {

    private final JdbcTemplate jdbc;
    private final RelayStatus status;
    private final RelayMetrics metrics;
    private final RelayInstance instance;
    private final RelayProperties properties;

    RelayAdminController(JdbcTemplate jdbc, RelayStatus status, RelayMetrics metrics, RelayInstance instance,
                         RelayProperties properties) {
        this.jdbc = jdbc;
        this.status = status;
        this.metrics = metrics;
        this.instance = instance;
        this.properties = properties;
    }

    @GetMapping("/admin/relay")
    ResponseEntity<RelayOverview> relay() {
        long key = RelayLeadership.lockKey(properties.slotName());
        // A bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low 32 bits), objsubid 1.
        List<String> holders = jdbc.queryForList("""
                SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid::bigint = ? AND l.objid::bigint = ?""",
                String.class, key >>> 32, key & 0xFFFFFFFFL);
        String leaderId = holders.isEmpty() ? null : holders.get(0);
        String currentLsn = jdbc.queryForObject("SELECT pg_current_wal_lsn()::text", String.class);
        List<SlotPosition> slot = jdbc.query("""
                SELECT confirmed_flush_lsn::text AS confirmed,
                       pg_wal_lsn_diff(?::pg_lsn, confirmed_flush_lsn)::bigint AS lag,
                       pg_wal_lsn_diff(?::pg_lsn, restart_lsn)::bigint AS retained,
                       wal_status
                FROM pg_replication_slots WHERE slot_name = ?""",
                (rs, row) -> new SlotPosition(rs.getString("confirmed"), rs.getObject("lag", Long.class),
                        rs.getObject("retained", Long.class), rs.getString("wal_status")),
                currentLsn, currentLsn, properties.slotName());
        SlotPosition position = slot.isEmpty() ? new SlotPosition(null, null, null, null) : slot.get(0);
        // Every replica samples the slot, so any replica knows the age; null only while there is no slot.
        Double age = position.lag() == null ? null : metrics.unpublishedAgeSeconds(position.lag());
        return ResponseEntity.ok(new RelayOverview(instance.id(), leaderId, status.isLeading(), status.state().name(),
                status.publishedCount(), status.lastPublishedAt(), currentLsn, position.confirmed(), position.lag(), age,
                position.retained(), position.walStatus()));
    }

    private record SlotPosition(String confirmed, Long lag, Long retained, String walStatus) {
    }
}
