package dev.cqrs.orders.query.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cqrs.orders.events.EventDecodingException;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.intake.RecordIntake;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.VersionGapException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one poll's records for a rebuild: each partition in order on one thread, partitions side by side, since a
 * rebuild's pace is bound by round trips to MongoDB; a partition's records go through the {@link RecordIntake} as one
 * batch (a few round trips). Records the live listeners dead-letter (not an order event, a version gap) are skipped and
 * counted; any other failure fails the whole batch, which is then done again.
 */
final class BatchApplier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchApplier.class);

    private final String readModel;
    private final Projection projection;
    private final RecordIntake intake;
    private final ExecutorService threads;

    BatchApplier(String readModel, Projection projection, RecordIntake intake, int parallelism) {
        this.readModel = readModel;
        this.projection = projection;
        this.intake = intake;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "rebuild-" + readModel + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    Counts apply(ConsumerRecords<String, String> records) {
        List<Future<Counts>> partitions = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> inOrder = records.records(partition);
            partitions.add(threads.submit(() -> applyInOrder(inOrder)));
        }
        Counts total = new Counts(0, 0);
        RuntimeException failure = null;
        for (Future<Counts> partition : partitions) {
            try {
                total = total.plus(partition.get());
            } catch (ExecutionException e) {
                // The first failure decides; the checkpoint has not moved, so the whole batch is done again.
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }

    private Counts applyInOrder(List<ConsumerRecord<String, String>> records) {
        Skipping skipping = new Skipping();
        intake.take(records, projection, skipping);
        return new Counts(skipping.applied, skipping.skipped);
    }

    /**
     * Skips (and counts) the records the live listeners dead-letter: not an order event, or a version gap. An order's
     * earlier events always come first in its partition, so a gap is in the topic itself; waiting would not fill it.
     */
    private final class Skipping implements RecordIntake.Handling {

        private long applied;
        private long skipped;

        @Override
        public void taken(ConsumerRecord<String, String> record, EventEnvelope envelope, ApplyOutcome outcome) {
            applied++;
        }

        @Override
        public void failed(ConsumerRecord<String, String> record, RuntimeException failure) {
            if (failure instanceof EventDecodingException) {
                log.warn("{}: rebuild skips {}-{}@{}: not a valid order event ({}). The live listener dead-lettered it "
                        + "too", readModel, record.topic(), record.partition(), record.offset(), failure.getMessage());
            } else if (failure instanceof VersionGapException) {
                log.warn("{}: rebuild skips {}-{}@{}: {}", readModel, record.topic(), record.partition(),
                        record.offset(), failure.getMessage());
            } else {
                throw failure;
            }
            skipped++;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** Records projected and records skipped. */
    record Counts(long applied, long skipped) {

        Counts plus(Counts other) {
            return new Counts(applied + other.applied, skipped + other.skipped);
        }
    }
}
