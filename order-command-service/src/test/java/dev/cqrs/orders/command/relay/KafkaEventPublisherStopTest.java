package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

/**
 * A stopping relay ends between batches ({@link BatchGate}): the batch Kafka is still acknowledging is finished and
 * marked, so the offsets flushed at stop cover it; a batch that comes after the gate closed is neither sent nor marked,
 * and ends only when the engine's close interrupts it.
 */
class KafkaEventPublisherStopTest {

    /** Acknowledges only when told to (MockProducer's own flush would acknowledge everything at once). */
    private final MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
            new StringSerializer()) {
        @Override
        public synchronized void flush() {
        }
    };
    private final BatchGate gate = new BatchGate();
    private final RecordingCommitter committer = new RecordingCommitter();
    private final KafkaEventPublisher publisher = new KafkaEventPublisher(producer, "orders.events",
            new RelayStatus(Clock.systemUTC()), metrics(), gate, 2048);

    @Test
    void theBatchInProgressIsPublishedAndMarkedBeforeTheGateReportsItClosed() throws Exception {
        CompletableFuture<Void> inProgress = handle(batch(3));
        await().until(() -> producer.history().size() == 3);

        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(this::close);
        assertThat(closed).as("waits while Kafka has not acknowledged the batch").isNotDone();
        while (producer.completeNext()) {
            // acknowledge every record of the batch
        }

        assertThat(closed.get()).as("the batch ended within the timeout").isTrue();
        inProgress.get();
        assertThat(committer.marked).hasSize(3);
        assertThat(committer.batchesFinished).isEqualTo(1);
    }

    @Test
    void aBatchAfterTheGateClosedIsNeitherSentNorMarkedAndEndsWhenInterrupted() throws Exception {
        assertThat(close()).as("nothing was in progress").isTrue();
        Thread polling = new Thread(() -> {
            try {
                publisher.handleBatch(batch(2), committer);
            } catch (InterruptedException e) {
                committer.interrupted = true;
            }
        }, "debezium-polling");
        polling.start();
        await().until(() -> polling.getState() == Thread.State.WAITING);

        polling.interrupt(); // what AsyncEmbeddedEngine.close() does to its polling thread
        polling.join(5_000);
        assertThat(committer.interrupted).isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(committer.marked).isEmpty();
        assertThat(committer.batchesFinished).isZero();
    }

    @Test
    void aBatchKafkaNeverAcknowledgesStopsWaitingAtTheTimeout() throws Exception {
        handle(batch(1));
        await().until(() -> producer.history().size() == 1);
        assertThat(gate.close(Duration.ofMillis(200), Duration.ofMillis(50))).isFalse();
        assertThat(committer.marked).isEmpty();
    }

    private boolean close() {
        try {
            return gate.close(Duration.ofSeconds(10), Duration.ofMillis(100));
        } catch (InterruptedException e) {
            throw new CompletionException(e);
        }
    }

    private CompletableFuture<Void> handle(List<RecordChangeEvent<SourceRecord>> batch) {
        return CompletableFuture.runAsync(() -> {
            try {
                publisher.handleBatch(batch, committer);
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static List<RecordChangeEvent<SourceRecord>> batch(int size) {
        List<RecordChangeEvent<SourceRecord>> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            SourceRecord record = new SourceRecord(Map.of("server", "test"), Map.of("lsn", i), "orders.events", null,
                    null, "order-" + i, null, "{\"n\":" + i + "}");
            batch.add(() -> record);
        }
        return batch;
    }

    private static RelayMetrics metrics() {
        RelayProperties properties = new RelayProperties(true, "slot", "publication", "orders.events", 3, (short) 1,
                "localhost:9092", 10, 2048, true, 1000, 2000, 0);
        return new RelayMetrics(null, Clock.systemUTC(), properties, new SimpleMeterRegistry());
    }
}
