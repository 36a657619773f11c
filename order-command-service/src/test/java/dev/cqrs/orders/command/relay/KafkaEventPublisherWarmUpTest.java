package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.command.outbox.OutboxWriter;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Warm-up rows go through the relay like events, and are acknowledged like events, but never reach Kafka. */
class KafkaEventPublisherWarmUpTest {

    private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
            new StringSerializer());
    private final RelayStatus status = new RelayStatus(Clock.systemUTC());
    private final KafkaEventPublisher publisher = new KafkaEventPublisher(producer, "orders.events", status,
            new RelayMetrics(null, Clock.systemUTC(), new RelayProperties(true, "slot", "publication", "orders.events", 3,
                    (short) 1, "localhost:9092", 10, 2048, true, 1000, 2000, 0), new SimpleMeterRegistry()),
            new BatchGate(), 2048);

    @Test
    void warmUpRowsAreAcknowledgedAndCountedButNeverPublished() throws Exception {
        List<RecordChangeEvent<SourceRecord>> batch = new ArrayList<>();
        batch.add(record("order-1", "OrderCreated"));
        batch.add(record("warm-1", OutboxWriter.RELAY_WARM_UP_TYPE));
        batch.add(record("order-2", "OrderConfirmed"));
        batch.add(record("warm-2", OutboxWriter.RELAY_WARM_UP_TYPE));
        RecordingCommitter committer = new RecordingCommitter();

        publisher.handleBatch(batch, committer);

        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("order-1", "order-2");
        assertThat(committer.marked).as("every record's offset is stored, so the slot moves past the warm-up").hasSize(4);
        assertThat(status.publishedCount()).isEqualTo(2);
        assertThat(status.warmUpCount()).isEqualTo(2);
    }

    private static RecordChangeEvent<SourceRecord> record(String key, String eventType) {
        SourceRecord record = new SourceRecord(Map.of("server", "test"), Map.of("lsn", key), "orders.events", null,
                null, key, null, "{}", null, new ConnectHeaders().addString("eventType", eventType));
        return () -> record;
    }
}
