package dev.cqrs.orders.query.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.deadletter.DeadLetters;
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
 * Applies one poll's records to a live projection with a few round trips to MongoDB instead of one or two per event
 * ({@link Projection#applyAll}: the same conditional writes, in the same order, so each order's events stay in their
 * order and every duplicate, stale event and gap is what it would be one by one). Records of orders parked behind a
 * dead letter are parked first, as the record listener did.
 * <p>
 * If anything in the batch fails (a gap, an unreadable record, a failing projection, a store outage), the batch is
 * applied again record by record, exactly as before batching (what the batch wrote is a duplicate then), and the first
 * failing record is reported as a {@link BatchListenerFailedException}: the container commits the records before it
 * and the error handler retries, parks or dead-letters that record alone, while the other orders flow.
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

    private final ProjectionDispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final ObservationRegistry observations;
    private volatile boolean stopping;

    @Autowired
    BatchProjector(ProjectionDispatcher dispatcher, DeadLetters deadLetters, ObjectProvider<ObservationRegistry> observations) {
        this(dispatcher, deadLetters, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    BatchProjector(ProjectionDispatcher dispatcher, DeadLetters deadLetters, ObservationRegistry observations) {
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.observations = observations;
    }

    /** Projects the records, in order; {@code applied} hears of every event that changed the read model. */
    public void project(List<ConsumerRecord<String, String>> records, Projection projection, Consumer<Projected> applied) {
        for (int from = 0; from < records.size(); from += SLICE) {
            if (stopping) {
                ConsumerRecord<String, String> next = records.get(from);
                throw new BatchListenerFailedException(projection.readModel() + ": shutting down; " + next.topic() + "-"
                        + next.partition() + "@" + next.offset() + " and the " + (records.size() - from - 1)
                        + " records after it are left for the next consumer", new ServiceStopping(), next);
            }
            projectSlice(records.subList(from, Math.min(records.size(), from + SLICE)), projection, applied);
        }
    }

    /** SIGTERM: Spring closes the context, which stops the listener containers after their listeners returned. */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        stopping = true;
    }

    private void projectSlice(List<ConsumerRecord<String, String>> records, Projection projection, Consumer<Projected> applied) {
        String readModel = projection.readModel();
        try {
            List<ConsumerRecord<String, String>> live = new ArrayList<>(records.size());
            List<EventEnvelope> envelopes = new ArrayList<>(records.size());
            for (ConsumerRecord<String, String> record : records) {
                if (!deadLetters.parkIfBlocked(readModel, record)) {
                    EventEnvelope envelope = dispatcher.read(record);
                    // A guard (the fault switch) that fails this record sends the batch down the one-by-one path,
                    // where the failure is the record's own and the error handler retries or dead-letters it.
                    dispatcher.beforeApply(readModel, envelope);
                    envelopes.add(envelope);
                    live.add(record);
                }
            }
            List<ApplyOutcome> outcomes = envelopes.isEmpty() ? List.of() : projection.applyAll(envelopes);
            for (int i = 0; i < live.size(); i++) {
                ConsumerRecord<String, String> record = live.get(i);
                EventEnvelope envelope = envelopes.get(i);
                ApplyOutcome outcome = outcomes.get(i);
                // One span per record, continuing the command's trace (traceparent header), as the record listener had.
                observed(record, readModel, () -> notify(dispatcher.report(record, projection, envelope, outcome), applied));
            }
            return;
        } catch (RuntimeException e) {
            log.debug("{}: a batch of {} records could not be applied at once ({}); applying them one by one", readModel,
                    records.size(), e.toString());
        }
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (!deadLetters.parkIfBlocked(readModel, record)) {
                    observed(record, readModel, () -> notify(dispatcher.dispatch(record, projection), applied));
                }
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(readModel + ": " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " failed: " + e.getMessage(), e, record);
            }
        }
    }

    private static void notify(Projected projected, Consumer<Projected> applied) {
        if (projected.outcome() == ApplyOutcome.APPLIED) {
            applied.accept(projected);
        }
    }

    private void observed(ConsumerRecord<String, String> record, String readModel, Runnable work) {
        String group = KafkaUtils.getConsumerGroupId();
        KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, readModel, readModel, group == null ? readModel : group,
                        () -> null),
                observations).observe(work);
    }
}
