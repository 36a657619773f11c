package dev.cqrs.orders.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/**
 * A stopping relay ends between batches ({@link BatchGate}): the batch Kafka is still acknowledging is finished and
 * marked, so the offsets flushed at stop cover it; a batch that comes after the gate closed is neither sent nor marked,
 * and ends only when the engine's close interrupts it.
 */
class KafkaEventPublisherStopTest {

    private final PublisherFixture fixture = new PublisherFixture(2048);
    private final MockProducer<String, String> producer = fixture.producer;
    private final BatchGate gate = fixture.gate;
    private final RecordingCommitter committer = fixture.committer;
    private final KafkaEventPublisher publisher = fixture.publisher;

    @Test
    void theBatchInProgressIsPublishedAndMarkedBeforeTheGateReportsItClosed() throws Exception {
        CompletableFuture<Void> inProgress = fixture.handle(PublisherFixture.batch("order-", 3));
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
                publisher.handleBatch(PublisherFixture.batch("order-", 2), committer);
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
        fixture.handle(PublisherFixture.batch("order-", 1));
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
}
