package dev.cqrs.orders.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Kafka helpers: end offsets, consumer-group lag, topic creation, reading a slice of a topic. */
final class Topics implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> offsets;

    Topics(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
        this.offsets = consumer();
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private final Map<String, List<TopicPartition>> partitionsByTopic = new java.util.concurrent.ConcurrentHashMap<>();

    List<TopicPartition> partitions(String topic) {
        return partitionsByTopic.computeIfAbsent(topic, this::lookUpPartitions);
    }

    private synchronized List<TopicPartition> lookUpPartitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : offsets.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        if (partitions.isEmpty()) {
            // Not cached: a topic created a moment ago can still be missing from the metadata.
            throw new IllegalStateException("no partitions known for " + topic + " yet");
        }
        return partitions;
    }

    /** End offset per partition (the next offset to be written), from the broker's ListOffsets. */
    Map<TopicPartition, Long> ends(String topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition partition : partitions(topic)) {
            request.put(partition, OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the end offsets of " + topic + ": " + e, e);
        }
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records not yet committed by a consumer group on a topic (all of them when it never committed). */
    long lag(String group, String topic) throws Exception {
        Map<TopicPartition, Long> ends = ends(topic);
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    /**
     * A consumer group as the broker sees it: its state, each member's client and partitions, and the lag per
     * partition of {@link Bench#TOPIC}.
     */
    String describe(String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                .get(30, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder().append(description.groupState()).append(", ")
                .append(description.members().size()).append(" member(s)");
        for (MemberDescription member : description.members()) {
            out.append("; ").append(member.clientId()).append(" has ").append(member.assignment().topicPartitions());
        }
        Map<TopicPartition, Long> ends = ends(Bench.TOPIC);
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        out.append("; committed/end per partition:");
        ends.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(TopicPartition::partition)))
                .forEach(end -> {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    out.append(' ').append(end.getKey().partition()).append('=').append(at == null ? "none" : at.offset())
                            .append('/').append(end.getValue());
                });
        return out.toString();
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    }

    void create(String topic, int partitions) throws ExecutionException, InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of("retention.ms", "-1", "cleanup.policy", "delete")))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    void delete(String topic) {
        partitionsByTopic.remove(topic);
        try {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // absent already
        }
    }

    /** Every record of {@code topic} between two offset maps (from inclusive, to exclusive). */
    List<ConsumerRecord<byte[], byte[]>> read(String topic, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            long wanted = 0;
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, from.getOrDefault(partition, 0L));
                wanted += to.getOrDefault(partition, 0L) - from.getOrDefault(partition, 0L);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (records.size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.getOrDefault(partition, 0L)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /**
     * Watches a topic's end offsets every 10 ms from now on: when the first record past {@code base} arrived and when
     * {@code base + expected} were there. Returns after the first look, so that records sent afterwards are never all
     * there before the watch has seen the topic without them.
     */
    Watch watch(String topic, long base, long expected, Runnable onFirst) throws InterruptedException {
        Watch watch = new Watch(topic, base, expected, onFirst);
        watch.awaitFirstLook();
        return watch;
    }

    final class Watch implements AutoCloseable {
        private final Thread thread;
        private final long base;
        private final long expected;
        private final java.util.concurrent.CountDownLatch firstLook = new java.util.concurrent.CountDownLatch(1);
        private volatile long firstNanos = -1;
        private volatile long lastEmptyNanos = -1;
        private volatile long countAtFirst;
        private volatile long doneNanos = -1;
        private volatile long seen;
        private volatile RuntimeException lastError;
        private volatile boolean running = true;

        private Watch(String topic, long base, long expected, Runnable onFirst) {
            this.base = base;
            this.expected = expected;
            this.thread = new Thread(() -> {
                while (running && doneNanos < 0) {
                    try {
                        look(topic, onFirst);
                    } catch (RuntimeException e) {
                        // A topic created a moment ago may not be in every broker's metadata yet: look again.
                        lastError = e;
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "topic-watch-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        private void look(String topic, Runnable onFirst) {
            long now = System.nanoTime();
            long count = sum(ends(topic)) - base;
            seen = count;
            if (count <= 0) {
                lastEmptyNanos = now;
            }
            firstLook.countDown();
            if (count > 0 && firstNanos < 0) {
                firstNanos = now;
                countAtFirst = count;
                onFirst.run();
            }
            if (count >= expected) {
                doneNanos = now;
            }
        }

        private void awaitFirstLook() throws InterruptedException {
            if (!firstLook.await(60, TimeUnit.SECONDS)) {
                close();
                throw new IllegalStateException("could not read the end offsets of the watched topic for 60 s", lastError);
            }
        }

        /** What went wrong in the last look that failed, if one did. */
        RuntimeException lastError() {
            return lastError;
        }

        /** Waits until all expected records are there; false on timeout. */
        boolean await(Duration timeout) throws InterruptedException {
            thread.join(timeout.toMillis());
            return doneNanos >= 0;
        }

        long firstNanos() {
            return firstNanos;
        }

        long doneNanos() {
            return doneNanos;
        }

        long seen() {
            return seen;
        }

        /** Records/s between the first observation of new records and the last: the steady drain rate. */
        double drainRate() {
            if (doneNanos < 0 || firstNanos < 0) {
                return Double.NaN;
            }
            if (doneNanos == firstNanos) {
                // Everything arrived between two looks (a small run): all of it, over the time since the last look
                // that saw none. A lower bound of the rate; full-size runs never get here.
                return lastEmptyNanos < 0 ? Double.NaN : expected / ((doneNanos - lastEmptyNanos) / 1e9);
            }
            return (expected - countAtFirst) / ((doneNanos - firstNanos) / 1e9);
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            offsets.close();
        }
        admin.close();
    }
}
