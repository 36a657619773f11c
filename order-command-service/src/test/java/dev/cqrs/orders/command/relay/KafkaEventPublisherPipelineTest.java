package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * While a backlog drains, a full batch stays in flight: it is acknowledged to Debezium only once Kafka acknowledged all
 * of it and the next batch has been sent. A failure resends from the failed record on, the next batch's records too,
 * so each order's events reach Kafka in order and no offset gets ahead of Kafka.
 */
class KafkaEventPublisherPipelineTest {

    private static final int FULL = 3;

    private final PublisherFixture fixture = new PublisherFixture(FULL);
    private final MockProducer<String, String> producer = fixture.producer;
    private final BatchGate gate = fixture.gate;
    private final RecordingCommitter committer = fixture.committer;
    private final KafkaEventPublisher publisher = fixture.publisher;

    @Test
    void aFullBatchIsAcknowledgedToDebeziumOnlyAfterKafkaAcknowledgedItAndTheNextWasSent() throws Exception {
        List<RecordChangeEvent<SourceRecord>> first = PublisherFixture.batch("a", FULL);
        fixture.handle(first).get();
        assertThat(producer.history()).hasSize(FULL);
        assertThat(committer.marked).as("Kafka has acknowledged nothing yet").isEmpty();

        List<RecordChangeEvent<SourceRecord>> second = PublisherFixture.batch("b", FULL);
        CompletableFuture<Void> secondHandled = fixture.handle(second);
        await().until(() -> producer.history().size() == 2 * FULL);
        assertThat(secondHandled).as("waits for the first batch's acknowledgements").isNotDone();
        completeNext(FULL);
        secondHandled.get();
        assertThat(committer.marked).containsExactlyElementsOf(first);
        assertThat(committer.batchesFinished).isEqualTo(1);

        List<RecordChangeEvent<SourceRecord>> partial = PublisherFixture.batch("c", 1);
        CompletableFuture<Void> partialHandled = fixture.handle(partial);
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
        List<RecordChangeEvent<SourceRecord>> first = PublisherFixture.batch("a", FULL);
        fixture.handle(first).get();
        List<RecordChangeEvent<SourceRecord>> second = PublisherFixture.batch("b", FULL);
        CompletableFuture<Void> secondHandled = fixture.handle(second);
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

        fixture.handle(PublisherFixture.batch("c", 0)).get();
        assertThat(committer.batchesFinished).as("nothing was left in flight").isEqualTo(3);
        assertThat(committer.marked).hasSize(2 * FULL);
    }

    @Test
    void aStoppingRelayAcknowledgesTheBatchInFlightBeforeItParksAndSendsNothingMore() throws Exception {
        List<RecordChangeEvent<SourceRecord>> inFlight = PublisherFixture.batch("a", FULL);
        fixture.handle(inFlight).get();
        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        Thread stopping = new Thread(() -> {
            try {
                closed.complete(gate.close(Duration.ofSeconds(10), Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
                closed.completeExceptionally(e);
            }
        }, "stopping");
        stopping.start();
        // close() marks the gate closed before its first timed wait: only then may the next batch arrive, or it would
        // rightly be sent (CI once started the polling thread before an async close had run).
        await().atMost(Duration.ofSeconds(5)).until(() -> stopping.getState() == Thread.State.TIMED_WAITING);

        Thread polling = new Thread(() -> {
            try {
                publisher.handleBatch(PublisherFixture.batch("b", FULL), committer);
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
}
