package dev.cqrs.orders.query.rebuild;

import com.mongodb.MongoException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@value #FAILED}{@code {readModel}}: 1 while the read model's latest rebuild is FAILED (the live generation serves
 * on, but the operator asked for a new one and did not get it), else 0; NaN when MongoDB cannot be read. Read from the
 * checkpoints, so every replica reports the same, whichever ran the rebuild.
 */
final class RebuildMetrics {

    static final String FAILED = "orders.rebuild.failed";

    private RebuildMetrics() {
    }

    static void register(MeterRegistry registry, Iterable<String> readModels, RebuildCheckpoints checkpoints) {
        for (String readModel : readModels) {
            Gauge.builder(FAILED, checkpoints, store -> failed(store, readModel))
                    .description("1 while the read model's latest rebuild failed; starting it again clears it")
                    .tag("readModel", readModel)
                    .register(registry);
        }
    }

    static double failed(RebuildCheckpoints checkpoints, String readModel) {
        try {
            return checkpoints.find(readModel).filter(c -> c.state() == RebuildState.FAILED).isPresent() ? 1 : 0;
        } catch (MongoException e) {
            return Double.NaN;
        }
    }
}
