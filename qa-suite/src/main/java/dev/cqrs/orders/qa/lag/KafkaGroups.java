package dev.cqrs.orders.qa.lag;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The consumer groups of a topic as an operator sees them: which groups read it, how far each is behind, and
 * moving a group back so that it reads records again. Kafka lets a group's offsets be altered only while the group
 * has no active members, so a rewind means: stop the consumers, {@link #rewind}, start them again.
 */
public final class KafkaGroups implements AutoCloseable {

    private final Admin admin;
    private final Duration timeout;

    private KafkaGroups(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** An admin client on {@code bootstrapServers}; each call fails after {@code timeout}. */
    public static KafkaGroups connect(String bootstrapServers, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        return new KafkaGroups(Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 5_000),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis)), timeout);
    }

    /** {@link #connect(String, Duration)} with a 15 s timeout per call. */
    public static KafkaGroups connect(String bootstrapServers) {
        return connect(bootstrapServers, Duration.ofSeconds(15));
    }

    /** Every consumer group that has committed offsets on {@code topic}, whatever its name. */
    public SortedSet<String> groupsReading(String topic) {
        Collection<GroupListing> groups = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all());
        SortedSet<String> reading = new TreeSet<>();
        for (GroupListing group : groups) {
            if (committedOffsets(group.groupId()).keySet().stream().anyMatch(partition -> partition.topic().equals(topic))) {
                reading.add(group.groupId());
            }
        }
        return reading;
    }

    /** The number of active members of the group (0 for an unknown group). */
    public int members(String group) {
        try {
            ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
            return description.members().size();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * Waits until the group has no active members and answers how long that took. Leaving is best effort: a consumer
     * that was killed, or closed while it could not reach its coordinator, stays a member until its session expires.
     */
    public Duration awaitNoMembers(String group, Duration within) {
        long started = System.nanoTime();
        try {
            await("consumer group " + group + " without members").atMost(within).pollInterval(Duration.ofMillis(250))
                    .until(() -> members(group) == 0);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("consumer group " + group + " still has " + members(group)
                    + " active member(s) after " + within.toMillis() + " ms: are its consumers stopped?", e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Committed offset per partition of {@code topic}; partitions the group never committed are missing. */
    public SortedMap<Integer, Long> committed(String group, String topic) {
        SortedMap<Integer, Long> offsets = new TreeMap<>();
        committedOffsets(group).forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                offsets.put(partition.partition(), offset.offset());
            }
        });
        return offsets;
    }

    /** The offset the next record of each partition will get. */
    public SortedMap<Integer, Long> endOffsets(String topic) {
        return offsets(topic, OffsetSpec.latest());
    }

    /** The offset of the first record still kept in each partition. */
    public SortedMap<Integer, Long> beginningOffsets(String topic) {
        return offsets(topic, OffsetSpec.earliest());
    }

    /** Records of {@code topic} the group has not committed yet, per partition (all kept records where it never committed). */
    public SortedMap<Integer, Long> lag(String group, String topic) {
        SortedMap<Integer, Long> end = endOffsets(topic);
        SortedMap<Integer, Long> beginning = beginningOffsets(topic);
        SortedMap<Integer, Long> committed = committed(group, topic);
        SortedMap<Integer, Long> lag = new TreeMap<>();
        end.forEach((partition, endOffset) ->
                lag.put(partition, endOffset - committed.getOrDefault(partition, beginning.get(partition))));
        return lag;
    }

    /**
     * Moves the group back by up to {@code records} per partition of {@code topic}, never before the first kept
     * record, and answers how many records each partition went back. Only while the group has no members.
     */
    public SortedMap<Integer, Long> rewind(String group, String topic, long records) {
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative, got " + records);
        }
        int members = members(group);
        if (members > 0) {
            throw new IllegalStateException("consumer group " + group + " has " + members
                    + " active member(s): stop its consumers before rewinding it");
        }
        SortedMap<Integer, Long> committed = committed(group, topic);
        SortedMap<Integer, Long> beginning = beginningOffsets(topic);
        Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
        SortedMap<Integer, Long> rewound = new TreeMap<>();
        committed.forEach((partition, offset) -> {
            long to = Math.max(beginning.getOrDefault(partition, 0L), offset - records);
            target.put(new TopicPartition(topic, partition), new OffsetAndMetadata(to));
            rewound.put(partition, offset - to);
        });
        if (!target.isEmpty()) {
            get(admin.alterConsumerGroupOffsets(group, target).all());
        }
        return rewound;
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        return offsets == null ? Map.of() : offsets;
    }

    private SortedMap<Integer, Long> offsets(String topic, OffsetSpec spec) {
        List<TopicPartition> partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec));
        SortedMap<Integer, Long> offsets = new TreeMap<>();
        get(admin.listOffsets(request).all()).forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
        return offsets;
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka admin call did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
