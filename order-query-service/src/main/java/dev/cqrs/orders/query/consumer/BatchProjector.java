package dev.cqrs.orders.query.consumer;

import java.util.List;
import java.util.function.Consumer;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.deadletter.DeadLetters;
import dev.cqrs.orders.query.intake.IntakeMetrics;
import dev.cqrs.orders.query.intake.RecordIntake;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.Projection;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.stereotype.Component;

/**
 * Applies one poll's records to a live projection through the {@link RecordIntake}, with a few round trips to MongoDB
 * instead of one or two per event. Records of orders parked behind a dead letter are parked first, as the record
 * listener did. Every record taken moves the read model's progress, and every event applied is timed and reported.
 * <p>
 * If the batch fails and the intake takes the records one by one, the first failing record is reported as a
 * {@link BatchListenerFailedException}: the container commits the records before it and the error handler retries,
 * parks or dead-letters that record alone, while the other orders flow.
 * <p>
 * A poll is applied in slices of {@value #SLICE}. Once the service is shutting down, the next slice is not started: the
 * container commits the slices applied and the rest is left for whoever consumes the partition next. A listener
 * container only stops after its listener returned, and a whole poll behind a saturated store took 17 s (issue 16);
 * a slice bounds that wait to a fifth.
 */
@Component
public class BatchProjector {

    private static final Logger log = LoggerFactory.getLogger(BatchProjector.class);
    static final int SLICE = 100;

    private final RecordIntake intake;
    private final IntakeMetrics metrics;
    private final DeadLetters deadLetters;
    private final ObservationRegistry observations;
    private volatile boolean stopping;

    @Autowired
    BatchProjector(RecordIntake intake, IntakeMetrics metrics, DeadLetters deadLetters,
                   ObjectProvider<ObservationRegistry> observations) {
        this(intake, metrics, deadLetters, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    BatchProjector(RecordIntake intake, IntakeMetrics metrics, DeadLetters deadLetters, ObservationRegistry observations) {
        this.intake = intake;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.observations = observations;
    }

    /** Projects the records, in order; {@code applied} hears of every event that changed the read model. */
    public void project(List<ConsumerRecord<String, String>> records, Projection projection, Consumer<Projected> applied) {
        Live live = new Live(projection, applied);
        for (int from = 0; from < records.size(); from += SLICE) {
            if (stopping) {
                ConsumerRecord<String, String> next = records.get(from);
                throw new BatchListenerFailedException(projection.readModel() + ": shutting down; " + next.topic() + "-"
                        + next.partition() + "@" + next.offset() + " and the " + (records.size() - from - 1)
                        + " records after it are left for the next consumer", new ServiceStopping(), next);
            }
            intake.take(records.subList(from, Math.min(records.size(), from + SLICE)), projection, live);
        }
    }

    /** SIGTERM: Spring closes the context, which stops the listener containers after their listeners returned. */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        stopping = true;
    }

    /** The live path's part of the intake: parking, a span per record, metrics, and the failing record named. */
    private final class Live implements RecordIntake.Handling {

        private final String readModel;
        private final Consumer<Projected> applied;

        Live(Projection projection, Consumer<Projected> applied) {
            this.readModel = projection.readModel();
            this.applied = applied;
        }

        @Override
        public boolean skip(ConsumerRecord<String, String> record) {
            return deadLetters.parkIfBlocked(readModel, record);
        }

        /** One span per record, continuing the command's trace (traceparent header), as the record listener had. */
        @Override
        public void around(ConsumerRecord<String, String> record, Runnable work) {
            String group = KafkaUtils.getConsumerGroupId();
            KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                    KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                    () -> new KafkaRecordReceiverContext(record, readModel, readModel, group == null ? readModel : group,
                            () -> null),
                    observations).observe(work);
        }

        @Override
        public void taken(ConsumerRecord<String, String> record, EventEnvelope envelope, ApplyOutcome outcome) {
            metrics.taken(readModel, record, envelope, outcome);
            log.debug("{}: {} {} v{} of order {} from {}-{}@{}: {}", readModel, envelope.eventType(), envelope.eventId(),
                    envelope.aggregateVersion(), envelope.aggregateId(), record.topic(), record.partition(),
                    record.offset(), outcome);
            if (outcome == ApplyOutcome.APPLIED) {
                applied.accept(new Projected(envelope, outcome));
            }
        }

        @Override
        public void failed(ConsumerRecord<String, String> record, RuntimeException failure) {
            throw new BatchListenerFailedException(readModel + ": " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " failed: " + failure.getMessage(), failure, record);
        }
    }
}
