package dev.cqrs.orders.query.intake;

import java.util.ArrayList;
import java.util.List;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventDecodingException;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.Projection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The one way a Kafka record reaches a read model, for the live listeners, a rebuild and a dead-letter replay alike:
 * decode it, check that its key is its order, count it when unreadable, run the guards, apply it. Records go to the
 * projection as one batch ({@link Projection#applyAll}: the same conditional writes in the same order); if anything in
 * the batch fails, the records are taken again one by one, to which what the batch wrote is a duplicate, so that the
 * failing record is found and handled alone.
 */
@Component
public class RecordIntake {

    private static final Logger log = LoggerFactory.getLogger(RecordIntake.class);
    private static final Handling ALONE = (record, failure) -> {
        throw failure;
    };

    private final EventCodec codec;
    private final IntakeMetrics metrics;
    private final List<ProjectionGuard> guards;

    public RecordIntake(EventCodec codec, IntakeMetrics metrics, List<ProjectionGuard> guards) {
        this.codec = codec;
        this.metrics = metrics;
        this.guards = List.copyOf(guards);
    }

    /** This intake without the guards: a rebuild writes a generation nobody reads yet, which the fault switch spares. */
    public RecordIntake withoutGuards() {
        return new RecordIntake(codec, metrics, List.of());
    }

    /** Takes the records in order, at once if it can and else one by one, telling {@code handling} about each. */
    public void take(List<ConsumerRecord<String, String>> records, Projection projection, Handling handling) {
        if (tookAtOnce(records, projection, handling)) {
            return;
        }
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (!handling.skip(record)) {
                    handling.around(record, () -> takeAlone(record, projection, handling));
                }
            } catch (RuntimeException e) {
                handling.failed(record, e);
            }
        }
    }

    /** Applies one record's event; throws what decoding, a guard or the projection threw. */
    public ApplyOutcome apply(ConsumerRecord<String, String> record, Projection projection) {
        return takeAlone(record, projection, ALONE);
    }

    /** The record's event, checked against the contract and counted when unreadable: {@link EventDecodingException}. */
    private EventEnvelope decode(ConsumerRecord<String, String> record) {
        EventEnvelope envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (EventDecodingException e) {
            // Policy for what this build cannot read: never applied, never a crash; dead-lettered, and counted here.
            metrics.unreadable(e);
            throw e;
        }
        return keyed(record, envelope);
    }

    private boolean tookAtOnce(List<ConsumerRecord<String, String>> records, Projection projection, Handling handling) {
        String readModel = projection.readModel();
        try {
            List<ConsumerRecord<String, String>> taken = new ArrayList<>(records.size());
            List<EventEnvelope> envelopes = new ArrayList<>(records.size());
            for (ConsumerRecord<String, String> record : records) {
                if (!handling.skip(record)) {
                    // Not counted here: an unreadable record is decoded, and counted, once more when taken alone.
                    EventEnvelope envelope = keyed(record, codec.decode(record.value()));
                    // A guard (the fault switch) that fails a record sends the batch one by one, where the failure is
                    // that record's own.
                    guard(readModel, envelope);
                    envelopes.add(envelope);
                    taken.add(record);
                }
            }
            List<ApplyOutcome> outcomes = envelopes.isEmpty() ? List.of() : projection.applyAll(envelopes);
            for (int i = 0; i < taken.size(); i++) {
                ConsumerRecord<String, String> record = taken.get(i);
                EventEnvelope envelope = envelopes.get(i);
                ApplyOutcome outcome = outcomes.get(i);
                handling.around(record, () -> {
                    try (MDC.MDCCloseable causation = causation(envelope)) {
                        handling.taken(record, envelope, outcome);
                    }
                });
            }
            return true;
        } catch (RuntimeException e) {
            log.debug("{}: a batch of {} records could not be applied at once ({}); applying them one by one", readModel,
                    records.size(), e.toString());
            return false;
        }
    }

    private ApplyOutcome takeAlone(ConsumerRecord<String, String> record, Projection projection, Handling handling) {
        EventEnvelope envelope = decode(record);
        try (MDC.MDCCloseable causation = causation(envelope)) {
            guard(projection.readModel(), envelope);
            ApplyOutcome outcome = projection.apply(envelope);
            handling.taken(record, envelope, outcome);
            return outcome;
        }
    }

    /** The causation id of every log line written while this event is applied (the trace id is the correlation). */
    private static MDC.MDCCloseable causation(EventEnvelope envelope) {
        return MDC.putCloseable("eventId", envelope.eventId().toString());
    }

    private void guard(String readModel, EventEnvelope envelope) {
        for (ProjectionGuard guard : guards) {
            guard.beforeApply(readModel, envelope);
        }
    }

    private static EventEnvelope keyed(ConsumerRecord<String, String> record, EventEnvelope envelope) {
        if (!envelope.aggregateId().toString().equals(record.key())) {
            // The key decides the partition, and only one partition per order keeps its events in order.
            throw new EventDecodingException("record key '" + record.key() + "' is not the order id "
                    + envelope.aggregateId() + " of event " + envelope.eventId() + "; producers must key by order id");
        }
        return envelope;
    }

    /** What one caller does around the shared steps. */
    public interface Handling {

        /** Leaves the record out: the live path parks the records of an order behind a dead letter. */
        default boolean skip(ConsumerRecord<String, String> record) {
            return false;
        }

        /** Runs the taking of one record, for instance inside a tracing span. */
        default void around(ConsumerRecord<String, String> record, Runnable work) {
            work.run();
        }

        /** The projection took the record's event, with this outcome. */
        default void taken(ConsumerRecord<String, String> record, EventEnvelope envelope, ApplyOutcome outcome) {
        }

        /** The record failed when taken alone: throw to stop there, return to go on with the next record. */
        void failed(ConsumerRecord<String, String> record, RuntimeException failure);
    }
}
