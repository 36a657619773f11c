package dev.cqrs.orders.command.relay;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A {@link KafkaEventPublisher} over a producer that acknowledges only when the test says so (MockProducer's own flush
 * would acknowledge everything at once), with its {@link BatchGate} and a {@link RecordingCommitter}.
 */
final class PublisherFixture {

    final MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
            new StringSerializer()) {
        @Override
        public synchronized void flush() {
        }
    };
    final BatchGate gate = new BatchGate();
    final RecordingCommitter committer = new RecordingCommitter();
    final KafkaEventPublisher publisher;

    /** {@code fullBatch}: the batch size from which the publisher leaves a batch in flight. */
    PublisherFixture(int fullBatch) {
        RelayProperties properties = new RelayProperties(true, "slot", "publication", "orders.events", 3, (short) 1,
                "localhost:9092", 10, fullBatch, true, 1000, 2000, 0);
        publisher = new KafkaEventPublisher(producer, "orders.events", new RelayStatus(Clock.systemUTC()),
                new RelayMetrics(null, Clock.systemUTC(), properties, new SimpleMeterRegistry()), gate, fullBatch);
    }

    /** Hands the batch to the publisher on a thread of its own, as Debezium's polling thread would. */
    CompletableFuture<Void> handle(List<RecordChangeEvent<SourceRecord>> batch) {
        return CompletableFuture.runAsync(() -> {
            try {
                publisher.handleBatch(batch, committer);
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Events keyed {@code prefix0}, {@code prefix1}, …, each with an offset of its own. */
    static List<RecordChangeEvent<SourceRecord>> batch(String prefix, int size) {
        List<RecordChangeEvent<SourceRecord>> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            SourceRecord record = new SourceRecord(Map.of("server", "test"), Map.of("lsn", prefix + i), "orders.events",
                    null, prefix + i, null, "{\"n\":\"" + prefix + i + "\"}");
            batch.add(() -> record);
        }
        return batch;
    }
}
