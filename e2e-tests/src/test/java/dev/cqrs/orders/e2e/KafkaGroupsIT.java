package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.qa.lag.KafkaGroups;

/**
 * Finding the groups of a topic, their lag, and rewinding a group, against the shared system's broker; the topics and
 * groups are this suite's own, so the services' groups stay out of it.
 */
@EndToEnd
class KafkaGroupsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "kafka-groups-it-" + RUN;
    private static final String OTHER = "kafka-groups-it-other-" + RUN;
    private static final String READERS_A = "readers-a-" + RUN;
    private static final String READERS_B = "readers-b-" + RUN;
    private static final String SOMEONE_ELSE = "someone-else-" + RUN;

    private static String bootstrapServers;

    @BeforeAll
    static void fillTopics(LocalSystem system) throws Exception {
        bootstrapServers = system.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1), new NewTopic(OTHER, 1, (short) 1))).all().get();
        }
        produce(TOPIC, 30);
        produce(OTHER, 5);
        consumeAll(READERS_A, TOPIC, 30);
        consumeAll(READERS_B, TOPIC, 30);
        consumeAll(SOMEONE_ELSE, OTHER, 5);
    }

    @Test
    void findsEveryGroupThatReadsTheTopicWhateverItsName() {
        try (KafkaGroups groups = KafkaGroups.connect(bootstrapServers)) {
            assertThat(groups.groupsReading(TOPIC)).containsExactly(READERS_A, READERS_B);
            assertThat(groups.groupsReading(OTHER)).containsExactly(SOMEONE_ELSE);
            assertThat(groups.members(READERS_A)).isZero();
            assertThat(groups.members("no-such-group")).isZero();
        }
    }

    @Test
    void rewindsByUpToNRecordsPerPartitionAndNotBeforeTheFirst() {
        try (KafkaGroups groups = KafkaGroups.connect(bootstrapServers)) {
            assertThat(groups.lag(READERS_B, TOPIC).values()).containsOnly(0L);
            Map<Integer, Long> end = groups.endOffsets(TOPIC);
            assertThat(end.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);

            Map<Integer, Long> rewound = groups.rewind(READERS_B, TOPIC, 4);

            end.forEach((partition, offset) -> {
                assertThat(rewound.get(partition)).isEqualTo(Math.min(4, offset));
                assertThat(groups.committed(READERS_B, TOPIC).get(partition)).isEqualTo(offset - Math.min(4, offset));
            });
            assertThat(groups.lag(READERS_B, TOPIC)).isEqualTo(rewound);
            assertThat(groups.lag(READERS_A, TOPIC).values()).as("other groups are left alone").containsOnly(0L);

            groups.rewind(READERS_B, TOPIC, 1_000);
            assertThat(groups.committed(READERS_B, TOPIC).values()).containsOnly(0L);
        }
    }

    @Test
    void refusesToRewindAGroupWithActiveMembers() {
        try (KafkaGroups groups = KafkaGroups.connect(bootstrapServers);
             KafkaConsumer<String, String> member = joinedMember(READERS_A)) {
            assertThat(groups.members(READERS_A)).isEqualTo(1);
            assertThatThrownBy(() -> groups.rewind(READERS_A, TOPIC, 5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(READERS_A + " has 1 active member(s)");
        }
    }

    @Test
    void waitsForTheGroupToLoseItsMembers() {
        try (KafkaGroups groups = KafkaGroups.connect(bootstrapServers)) {
            KafkaConsumer<String, String> member = joinedMember(READERS_A);
            try {
                assertThatThrownBy(() -> groups.awaitNoMembers(READERS_A, Duration.ofSeconds(1)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(READERS_A + " still has 1 active member(s) after 1000 ms");
            } finally {
                member.close();
            }
            assertThat(groups.awaitNoMembers(READERS_A, Duration.ofSeconds(30))).isLessThan(Duration.ofSeconds(30));
            assertThat(groups.members(READERS_A)).isZero();
        }
    }

    private static void produce(String topic, int records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    private static void consumeAll(String group, String topic, int records) {
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            AtomicInteger seen = new AtomicInteger();
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.addAndGet(consumer.poll(Duration.ofMillis(200)).count()) >= records);
            consumer.commitSync();
        }
    }

    /** A consumer of {@code group} on the topic, once the group has given it partitions (an active member). */
    private static KafkaConsumer<String, String> joinedMember(String group) {
        KafkaConsumer<String, String> member = consumer(group);
        member.subscribe(List.of(TOPIC));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            member.poll(Duration.ofMillis(100));
            return !member.assignment().isEmpty();
        });
        return member;
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
