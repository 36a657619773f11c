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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * While a backlog drains, a full batch stays in flight: it is acknowledged to Debezium only once Kafka acknowledged all
 * of it and the next batch has been sent. A failure resends from the failed record on, the next batch's records too,
 * so each order's events reach Kafka in order and no offset gets ahead of Kafka.
 */
class KafkaEventPublisherPipelineTest {

    private static final int FULL = 3;

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
            new RelayStatus(Clock.systemUTC()), metrics(), gate, FULL);

    @Test
    void aFullBatchIsAcknowledgedToDebeziumOnlyAfterKafkaAcknowledgedItAndTheNextWasSent() throws Exception {
        List<RecordChangeEvent<SourceRecord>> first = batch("a", FULL);
        handle(first).get();
        assertThat(producer.history()).hasSize(FULL);
        assertThat(committer.marked).as("Kafka has acknowledged nothing yet").isEmpty();

        List<RecordChangeEvent<SourceRecord>> second = batch("b", FULL);
        CompletableFuture<Void> secondHandled = handle(second);
        await().until(() -> producer.history().size() == 2 * FULL);
        assertThat(secondHandled).as("waits for the first batch's acknowledgements").isNotDone();
        completeNext(FULL);
        secondHandled.get();
        assertThat(committer.marked).containsExactlyElementsOf(first);
        assertThat(committer.batchesFinished).isEqualTo(1);

        List<RecordChangeEvent<SourceRecord>> partial = batch("c", 1);
        CompletableFuture<Void> partialHandled = handle(partial);
        await().until(() -> producer.history().size() == 2 * FULL + 1);
        completeNext(FULL);
        assertThat(partialHandled).as("a batch that is not full is acknowledged before the publisher returns").isNotDone();
        completeNext(1);
        partialHandled.get();
        List<RecordChangeEvent<SourceRecord>> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(partial);
        assertThat(committer.marked).containsExactlyElementsOf(all);
        assertThat(committer.batchesFinished).isEqualTo(3);
    }

    @Test
    void aFailureInTheBatchInFlightResendsFromThereWithTheNextBatchBehindIt() throws Exception {
        List<RecordChangeEvent<SourceRecord>> first = batch("a", FULL);
        handle(first).get();
        List<RecordChangeEvent<SourceRecord>> second = batch("b", FULL);
        CompletableFuture<Void> secondHandled = handle(second);
        await().until(() -> producer.history().size() == 2 * FULL);

        assertThat(producer.completeNext()).isTrue();
        assertThat(producer.errorNext(new TimeoutException("broker gone"))).isTrue();
        // the resend: a1, a2, b0, b1, b2 again, after the older sends of a2, b0, b1, b2
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2 * FULL + 5);
        while (!secondHandled.isDone()) {
            producer.completeNext();
        }
        secondHandled.get();

        assertThat(producer.history()).extracting(ProducerRecord::key)
                .containsExactly("a0", "a1", "a2", "b0", "b1", "b2", "a1", "a2", "b0", "b1", "b2");
        List<RecordChangeEvent<SourceRecord>> both = new ArrayList<>(first);
        both.addAll(second);
        assertThat(committer.marked).as("both acknowledged, in order, once").containsExactlyElementsOf(both);
        assertThat(committer.batchesFinished).isEqualTo(2);

        handle(batch("c", 0)).get();
        assertThat(committer.batchesFinished).as("nothing was left in flight").isEqualTo(3);
        assertThat(committer.marked).hasSize(2 * FULL);
    }

    @Test
    void aStoppingRelayAcknowledgesTheBatchInFlightBeforeItParksAndSendsNothingMore() throws Exception {
        List<RecordChangeEvent<SourceRecord>> inFlight = batch("a", FULL);
        handle(inFlight).get();
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.close(Duration.ofSeconds(10), Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });

        Thread polling = new Thread(() -> {
            try {
                publisher.handleBatch(batch("b", FULL), committer);
            } catch (InterruptedException e) {
                committer.interrupted = true;
            }
        }, "debezium-polling");
        polling.start();
        await().during(Duration.ofMillis(200)).until(() -> !closed.isDone());
        completeNext(FULL);

        assertThat(closed.get()).as("the gate reports the stop only after the batch in flight was acknowledged").isTrue();
        assertThat(committer.marked).containsExactlyElementsOf(inFlight);
        assertThat(producer.history()).as("the batch that came to the closed gate was not sent").hasSize(FULL);
        polling.interrupt();
        polling.join(5_000);
        assertThat(committer.interrupted).isTrue();
    }

    private void completeNext(int records) {
        for (int i = 0; i < records; i++) {
            assertThat(producer.completeNext()).isTrue();
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

    private static List<RecordChangeEvent<SourceRecord>> batch(String prefix, int size) {
        List<RecordChangeEvent<SourceRecord>> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            SourceRecord record = new SourceRecord(Map.of("server", "test"), Map.of("lsn", prefix + i), "orders.events",
                    null, prefix + i, null, "{\"n\":\"" + prefix + i + "\"}");
            batch.add(() -> record);
        }
        return batch;
    }

    private static RelayMetrics metrics() {
        RelayProperties properties = new RelayProperties(true, "slot", "publication", "orders.events", 3, (short) 1,
                "localhost:9092", 10, FULL, true, 1000, 2000, 0);
        return new RelayMetrics(null, Clock.systemUTC(), properties, new SimpleMeterRegistry());
    }
}
