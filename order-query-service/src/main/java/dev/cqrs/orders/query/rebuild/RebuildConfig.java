package dev.cqrs.orders.query.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.query.QueryProperties;
import dev.cqrs.orders.query.intake.RecordIntake;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelAliases;
import dev.cqrs.orders.query.readmodel.ReadModelProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires rebuilds: their checkpoints, their consumers (outside any consumer group) and the service running them. */
@Configuration(proxyBeanMethods = false)
class RebuildConfig {

    @Bean
    Rebuilds rebuilds(List<ReadModel> readModels, ReadModelAliases aliases, MongoDatabase database,
                      KafkaProperties kafka, QueryProperties query, RebuildProperties properties,
                      ReadModelProperties readModelProperties, RecordIntake intake,
                      MeterRegistry registry,
                      @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration stopTimeout) {
        if (properties.drain().compareTo(readModelProperties.aliasRefreshInterval().multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("orders.query.rebuild.drain (" + properties.drain() + ") must be at least "
                    + "twice orders.query.read-models.alias-refresh-interval (" + readModelProperties.aliasRefreshInterval()
                    + "): other replicas keep writing the old generation until they refreshed their aliases");
        }
        String owner = Rebuilds.ownerName();
        Map<String, Object> consumerProperties = new HashMap<>(kafka.buildConsumerProperties());
        // No group: a rebuild assigns every partition itself and keeps its positions in its checkpoint.
        consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "order-query-rebuild-" + owner.replace('/', '-'));
        RebuildCheckpoints checkpoints = new RebuildCheckpoints(database);
        RebuildMetrics.register(registry, readModels.stream().map(ReadModel::name).toList(), checkpoints);
        RebuildEnvironment env = new RebuildEnvironment(checkpoints, aliases, database,
                () -> new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new StringDeserializer()),
                intake.withoutGuards(), properties, query.topic(), owner, Clock.systemUTC());
        return new Rebuilds(readModels, env, stopTimeout);
    }
}
