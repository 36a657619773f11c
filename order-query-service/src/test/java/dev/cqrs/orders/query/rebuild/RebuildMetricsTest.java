package dev.cqrs.orders.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.query.readmodel.MongoWireServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** orders.rebuild.failed, read from the checkpoints on the Mongo wire server with the real driver. */
class RebuildMetricsTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @RegisterExtension
    static final MongoWireServer mongo = new MongoWireServer();

    @Test
    void onlyARebuildThatEndedFailedRaisesItsReadModelsGauge() {
        RebuildCheckpoints checkpoints = new RebuildCheckpoints(mongo.freshDatabase("rebuild_metrics"));
        MeterRegistry registry = new SimpleMeterRegistry();
        RebuildMetrics.register(registry, List.of("order-view", "order-summary", "customer-summary"), checkpoints);

        checkpoints.begin(checkpoint("order-view", RebuildState.FAILED), null);
        checkpoints.begin(checkpoint("order-summary", RebuildState.COPYING), null);

        assertThat(failed(registry, "order-view")).isEqualTo(1.0);
        assertThat(failed(registry, "order-summary")).as("running").isEqualTo(0.0);
        assertThat(failed(registry, "customer-summary")).as("never rebuilt").isEqualTo(0.0);

        RebuildCheckpoint failed = checkpoints.find("order-view").orElseThrow();
        checkpoints.begin(checkpoint("order-view", RebuildState.DONE), failed);
        assertThat(failed(registry, "order-view")).as("started again and finished").isEqualTo(0.0);
    }

    private static double failed(MeterRegistry registry, String readModel) {
        return registry.get(RebuildMetrics.FAILED).tag("readModel", readModel).gauge().value();
    }

    private static RebuildCheckpoint checkpoint(String readModel, RebuildState state) {
        return new RebuildCheckpoint(readModel, 3, 2, state, Map.of(0, 10L), Map.of(0, 9L), Map.of(0, 12L), 17, 1, 2,
                NOW, NOW.plusSeconds(1), 5, NOW.plusSeconds(2), NOW.plusSeconds(3), null, "a", NOW.plusSeconds(30),
                null);
    }
}
