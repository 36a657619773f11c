package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the groups of a topic, their lag, and rewinding a group, against a real broker. */
class KafkaGroupsTest {

    private static final String TOPIC = "events";

    @TempDir
    static Path dir;

    private static KafkaNode kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaNode.start(dir.resolve("kafka"), Ports.free(), Ports.free());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1), new NewTopic("other", 1, (short) 1))).all().get();
        }
        produce(TOPIC, 30);
        produce("other", 5);
        consumeAll("readers-a", TOPIC, 30);
        consumeAll("readers-b", TOPIC, 30);
        consumeAll("someone-else", "other", 5);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void findsEveryGroupThatReadsTheTopicWhateverItsName() {
        try (KafkaGroups groups = KafkaGroups.connect(kafka.bootstrapServers())) {
            assertThat(groups.groupsReading(TOPIC)).containsExactly("readers-a", "readers-b");
            assertThat(groups.groupsReading("other")).containsExactly("someone-else");
            assertThat(groups.members("readers-a")).isZero();
            assertThat(groups.members("no-such-group")).isZero();
        }
    }

    @Test
    void rewindsByUpToNRecordsPerPartitionAndNotBeforeTheFirst() {
        try (KafkaGroups groups = KafkaGroups.connect(kafka.bootstrapServers())) {
            assertThat(groups.lag("readers-b", TOPIC).values()).containsOnly(0L);
            Map<Integer, Long> end = groups.endOffsets(TOPIC);
            assertThat(end.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);

            Map<Integer, Long> rewound = groups.rewind("readers-b", TOPIC, 4);

            end.forEach((partition, offset) -> {
                assertThat(rewound.get(partition)).isEqualTo(Math.min(4, offset));
                assertThat(groups.committed("readers-b", TOPIC).get(partition)).isEqualTo(offset - Math.min(4, offset));
            });
            assertThat(groups.lag("readers-b", TOPIC)).isEqualTo(rewound);
            assertThat(groups.lag("readers-a", TOPIC).values()).as("other groups are left alone").containsOnly(0L);

            groups.rewind("readers-b", TOPIC, 1_000);
            assertThat(groups.committed("readers-b", TOPIC).values()).containsOnly(0L);
        }
    }

    @Test
    void refusesToRewindAGroupWithActiveMembers() {
        try (KafkaGroups groups = KafkaGroups.connect(kafka.bootstrapServers());
             KafkaConsumer<String, String> member = consumer("readers-a")) {
            member.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });
            assertThat(groups.members("readers-a")).isEqualTo(1);
            assertThatThrownBy(() -> groups.rewind("readers-a", TOPIC, 5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("readers-a has 1 active member(s)");
        }
    }

    private static void produce(String topic, int records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
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

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
