package dev.cqrs.orders.query.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.cqrs.orders.query.QueryProperties;
import dev.cqrs.orders.query.readmodel.ReadModel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Measures each read model's consumer lag in records (end offset minus the group's committed offset, per partition)
 * from Kafka's point of view, so it is right group-wide whichever replica holds which partition. Polled on a schedule
 * with the admin client and published as the gauge {@value #LAG_METRIC}{@code {readModel}}.
 */
class ConsumerLagMonitor implements DisposableBean {

    static final String LAG_METRIC = "orders.projection.lag";

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final List<ReadModel> readModels;
    private final String topic;
    private final Map<String, GroupLag> lags = new ConcurrentHashMap<>();
    private volatile boolean failing;

    ConsumerLagMonitor(Admin admin, List<ReadModel> readModels, QueryProperties properties, MeterRegistry registry) {
        this.admin = admin;
        this.readModels = readModels;
        this.topic = properties.topic();
        for (ReadModel readModel : readModels) {
            Gauge.builder(LAG_METRIC, () -> lag(readModel.name()).map(GroupLag::total).orElse(null))
                    .description("Records in the order topic that a read model's consumer group has not committed yet")
                    .tag("readModel", readModel.name())
                    .baseUnit("records")
                    .register(registry);
        }
    }

    /** The latest measurement for a read model, if one succeeded yet. */
    Optional<GroupLag> lag(String readModel) {
        return Optional.ofNullable(lags.get(readModel));
    }

    @Scheduled(fixedDelayString = "${orders.query.read-models.lag-poll-interval}")
    void poll() {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> starts = null;
            Instant now = Instant.now();
            for (ReadModel readModel : readModels) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(readModel.consumerGroup())
                        .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<Integer, PartitionLag> byPartition = new TreeMap<>();
                for (TopicPartition partition : partitions) {
                    long end = ends.get(partition).offset();
                    OffsetAndMetadata commit = committed.get(partition);
                    Long position = commit == null ? null : commit.offset();
                    if (position == null) {
                        // Nothing committed yet: the group starts from the earliest record (auto-offset-reset).
                        starts = starts == null ? offsets(partitions, OffsetSpec.earliest()) : starts;
                    }
                    long from = position != null ? position : starts.get(partition).offset();
                    byPartition.put(partition.partition(), new PartitionLag(position, end, Math.max(0, end - from)));
                }
                lags.put(readModel.name(), new GroupLag(byPartition, now));
            }
            if (failing) {
                log.info("Consumer lag is measurable again");
                failing = false;
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (!failing) {
                log.warn("Could not measure consumer lag ({}); the lag gauges keep their last values. Check Kafka at "
                        + "KAFKA_BOOTSTRAP_SERVERS", e.toString());
                failing = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        // Read-committed ends: records of open or aborted transactions are not lag a consumer could work off.
        return new HashMap<>(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /** One read model's lag at {@code measuredAt}, per partition. */
    record GroupLag(Map<Integer, PartitionLag> partitions, Instant measuredAt) {

        long total() {
            return partitions.values().stream().mapToLong(PartitionLag::lag).sum();
        }
    }

    /** @param committed the group's committed offset (the next record it will read), null when it never committed */
    record PartitionLag(Long committed, long end, long lag) {
    }
}
