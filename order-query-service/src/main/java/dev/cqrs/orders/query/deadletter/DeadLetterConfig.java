package dev.cqrs.orders.query.deadletter;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.query.intake.RecordIntake;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.ReadModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the sequenced dead letters: the store, the replay through the live projections and the gauges. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfig {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfig.class);

    @Bean
    DeadLetterStore deadLetterStore(MongoDatabase readModelDatabase) {
        MongoDeadLetterStore store = new MongoDeadLetterStore(readModelDatabase);
        try {
            store.ensureIndexes();
        } catch (RuntimeException e) {
            // Start anyway (readiness reports MongoDB); the indexes only speed up lookups.
            log.warn("Could not create the dead_letters indexes ({}); they are created on the next start", e.toString());
        }
        return store;
    }

    @Bean
    DeadLetterMetrics deadLetterMetrics(DeadLetterStore store, DeadLetterProperties properties) {
        return new DeadLetterMetrics(store, Clock.systemUTC(), properties.gaugeMaxAge());
    }

    @Bean
    DeadLetters deadLetters(DeadLetterStore store, List<ReadModel> readModels, List<Projection> projections,
                            RecordIntake intake, EventCodec codec, DeadLetterMetrics metrics,
                            MeterRegistry registry) {
        Map<String, String> readModelByGroup = new HashMap<>();
        readModels.forEach(readModel -> readModelByGroup.put(readModel.consumerGroup(), readModel.name()));
        Map<String, Projection> live = new HashMap<>();
        projections.forEach(projection -> live.putIfAbsent(projection.readModel(), projection));
        DeadLetters.Replayer replayer = (readModel, record) -> {
            Projection projection = live.get(readModel);
            if (projection == null) {
                throw new IllegalStateException("no live projection of read model " + readModel);
            }
            // The listeners' intake (same checks and guards), applied by the same live projection.
            intake.apply(record, projection);
        };
        metrics.register(registry, readModelByGroup.values());
        return new DeadLetters(store, readModelByGroup, replayer, codec, Clock.systemUTC(), metrics::invalidate);
    }
}
