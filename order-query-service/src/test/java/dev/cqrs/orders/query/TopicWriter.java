package dev.cqrs.orders.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventEnvelope;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes events to the order topic exactly as the relay does (key, value, headers), for integration tests. */
final class TopicWriter implements AutoCloseable {

    static final String TOPIC = "orders.events";
    private static final EventCodec CODEC = new EventCodec();

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    /** Creates the topic as the services do (3 partitions, kept forever) unless it exists, so tests may write first. */
    TopicWriter(String bootstrapServers) throws Exception {
        this.bootstrapServers = bootstrapServers;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer());
    }

    RecordMetadata send(EventEnvelope envelope) throws Exception {
        return producer.send(record(envelope)).get();
    }

    /** Sends them all, in order, and waits until Kafka acknowledged every one. */
    void sendAll(List<EventEnvelope> envelopes) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (EventEnvelope envelope : envelopes) {
            sent.add(producer.send(record(envelope)));
        }
        for (Future<RecordMetadata> ack : sent) {
            ack.get();
        }
    }

    RecordMetadata sendRaw(String key, String value) throws Exception {
        return producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }

    /** Records in the topic over all partitions (the sum of the end offsets; nothing is ever deleted). */
    long records() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            partitions.forEach(info -> request.put(new TopicPartition(TOPIC, info.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        }
    }

    private static ProducerRecord<String, String> record(EventEnvelope envelope) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, envelope.aggregateId().toString(),
                CODEC.encode(envelope));
        record.headers().add("eventId", utf8(envelope.eventId().toString()));
        record.headers().add("eventType", utf8(envelope.eventType()));
        record.headers().add("aggregateVersion", utf8(Long.toString(envelope.aggregateVersion())));
        return record;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
