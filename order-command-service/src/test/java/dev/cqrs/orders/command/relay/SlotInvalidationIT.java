package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the relay does when PostgreSQL invalidates its slot for passing {@code max_slot_wal_keep_size}, on a real
 * server: the running relay stops streaming and says so (state, health, metric), and a restart refuses to start.
 */
class SlotInvalidationIT {

    @Test
    void aRelayWhoseSlotWasInvalidatedSaysSoAndTheServiceRefusesToStartOnIt() {
        String database = TestInfra.newDatabase("slot_lost");
        // No heartbeat: the slot must stand still while the WAL moves past the cap.
        Map<String, Object> props = Map.of("orders.relay.heartbeat-interval-ms", 0, "orders.relay.metrics-interval-ms", 500);
        try (RunningCommandService service = RunningCommandService.start(database, props)) {
            JdbcTemplate jdbc = service.jdbc();
            RelayStatus status = service.bean("relay", RelayStatus.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> status.state() == RelayStatus.State.STREAMING);
            try {
                jdbc.execute("ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'");
                jdbc.execute("SELECT pg_reload_conf()");
                jdbc.execute("CREATE TABLE wal_moves_on (id int)");
                // Each switch starts a new 16 MB segment; the checkpoint then removes those the slot still needed.
                for (int i = 0; i < 4; i++) {
                    jdbc.update("INSERT INTO wal_moves_on VALUES (?)", i);
                    jdbc.execute("SELECT pg_switch_wal()");
                }
                jdbc.execute("CHECKPOINT");
                await().atMost(Duration.ofSeconds(30)).until(() -> "lost".equals(jdbc.queryForObject(
                        "SELECT wal_status FROM pg_replication_slots WHERE slot_name = ?", String.class, database)));
            } finally {
                jdbc.execute("ALTER SYSTEM RESET max_slot_wal_keep_size");
                jdbc.execute("SELECT pg_reload_conf()");
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> status.state() == RelayStatus.State.SLOT_LOST);
            assertThat(status.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(status.health().getDetails().get("lastError").toString()).contains("invalidated", "max_slot_wal_keep_size");
            MeterRegistry registry = service.bean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("orders.relay.slot.lost").gauge().value() == 1.0);
        }
        assertThatThrownBy(() -> RunningCommandService.start(database, Map.of("orders.relay.enabled", false)))
                .hasStackTraceContaining("was invalidated by PostgreSQL");
    }
}
