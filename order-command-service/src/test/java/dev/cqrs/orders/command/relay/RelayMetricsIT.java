package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

/** The replication slot's gauges over real PostgreSQL: attached relay, a slot nobody streams from, no slot at all. */
class RelayMetricsIT {

    private static final Map<String, Object> FAST_SAMPLES = Map.of("orders.relay.metrics-interval-ms", 200);

    @Test
    void theSlotIsActiveWhileTheRelayStreamsFromIt() {
        String database = TestInfra.newDatabase("relay_metrics_on");
        try (RunningCommandService service = RunningCommandService.start(database, FAST_SAMPLES)) {
            MeterRegistry registry = service.bean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> gauge(registry, "orders.relay.slot.active") == 1.0);
            assertThat(gauge(registry, "orders.relay.slot.retained.wal.bytes")).isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void aSlotWithoutRelayIsInactiveAndAMissingSlotToo() {
        String database = TestInfra.newDatabase("relay_metrics_off");
        Map<String, Object> noRelay = Map.of("orders.relay.metrics-interval-ms", 200, "orders.relay.enabled", false);
        try (RunningCommandService service = RunningCommandService.start(database, noRelay)) {
            MeterRegistry registry = service.bean(MeterRegistry.class);
            // The service makes sure the slot exists even without the relay, so that no command's WAL is lost.
            Boolean exists = service.jdbc().queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)", Boolean.class, database);
            assertThat(exists).isTrue();
            // Some WAL past the slot's restart position, so that "retained" is a measurement, not a default.
            service.createOrder("metrics-1");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> gauge(registry, "orders.relay.slot.retained.wal.bytes") > 0);
            assertThat(gauge(registry, "orders.relay.slot.active")).isEqualTo(0.0);

            service.jdbc().queryForObject("SELECT pg_drop_replication_slot(?)::text", String.class, database);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Double.isNaN(gauge(registry, "orders.relay.slot.retained.wal.bytes")));
            assertThat(gauge(registry, "orders.relay.slot.active")).as("missing counts as inactive").isEqualTo(0.0);
        }
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }
}
