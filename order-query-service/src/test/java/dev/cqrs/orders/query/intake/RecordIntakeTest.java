package dev.cqrs.orders.query.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventDecodingException;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.Projection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Decoding, key check, the unreadable count, the guards, and the batch that falls back to one by one. */
class RecordIntakeTest {

    private static final String READ_MODEL = "recording";

    private final EventCodec codec = new EventCodec();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IntakeMetrics metrics = new IntakeMetrics(registry, new ReadModelProgress());
    private final RecordIntake intake = new RecordIntake(codec, metrics, List.of());
    private final RecordingProjection projection = new RecordingProjection();
    private final Recorder recorder = new Recorder();

    @Test
    void appliesTheRecordsEventAndAnswersTheOutcome() {
        EventEnvelope created = created();
        projection.outcome = ApplyOutcome.DUPLICATE;

        assertThat(intake.apply(record(0, created), projection)).isEqualTo(ApplyOutcome.DUPLICATE);
        assertThat(projection.alone).containsExactly(created);
    }

    @Test
    void invalidJsonIsPoison() {
        assertThatThrownBy(() -> intake.apply(new ConsumerRecord<>("orders.events", 0, 0, "k", "{not json"), projection))
                .isInstanceOf(EventDecodingException.class);
        assertThat(projection.alone).isEmpty();
    }

    @Test
    void aKeyOtherThanTheOrderIdIsPoison() {
        EventEnvelope created = created();
        ConsumerRecord<String, String> quoted = new ConsumerRecord<>("orders.events", 0, 0,
                "\"" + created.aggregateId() + "\"", codec.encode(created));

        assertThatThrownBy(() -> intake.apply(quoted, projection))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("key");
        assertThat(projection.alone).isEmpty();
    }

    @Test
    void unknownTypesNewerVersionsAndInvalidRecordsAreNeverAppliedAndCountedByReason() {
        EventEnvelope created = created();
        String valid = codec.encode(created);
        String unknownType = valid.replace("\"OrderCreated\"", "\"OrderTeleported\"");
        String newerVersion = valid.replace("\"schemaVersion\":2", "\"schemaVersion\":3");

        for (String value : new String[] {unknownType, newerVersion, "{not json"}) {
            ConsumerRecord<String, String> record = new ConsumerRecord<>("orders.events", 0, 0,
                    created.aggregateId().toString(), value);
            assertThatThrownBy(() -> intake.apply(record, projection)).isInstanceOf(EventDecodingException.class);
        }
        assertThat(projection.alone).isEmpty();
        for (String reason : List.of("unknown_type", "unsupported_version", "invalid")) {
            assertThat(registry.get("orders.events.unreadable").tag("reason", reason).counter().count()).isEqualTo(1);
        }
    }

    @Test
    void aGuardThatThrowsFailsTheApplicationBeforeTheProjectionRuns() {
        EventEnvelope created = created();
        RecordIntake guarded = new RecordIntake(codec, metrics, List.of(refuse(created.aggregateId())));

        assertThatThrownBy(() -> guarded.apply(record(0, created), projection))
                .isInstanceOf(IllegalStateException.class).hasMessage("refused recording " + created.aggregateId());
        assertThat(projection.alone).isEmpty();

        guarded.withoutGuards().apply(record(0, created), projection);

        assertThat(projection.alone).containsExactly(created);
    }

    @Test
    void healthyRecordsGoAsOneBatchAndEachIsTakenWithItsOutcomeAndItsEventIdInTheLog() {
        List<EventEnvelope> events = List.of(created(), created(), created());

        intake.take(records(events), projection, recorder);

        assertThat(projection.batches).containsExactly(events);
        assertThat(projection.alone).isEmpty();
        assertThat(recorder.taken).containsExactlyElementsOf(events.stream().map(e -> e.eventId().toString()).toList());
    }

    @Test
    void anUnreadableRecordSendsTheBatchOneByOneIsCountedOnceAndFailsAlone() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(records(List.of(created(), created())));
        records.add(1, new ConsumerRecord<>("orders.events", 0, 9, "k", "{not json"));

        intake.take(records, projection, recorder);

        assertThat(projection.batches).isEmpty();
        assertThat(projection.alone).hasSize(2);
        assertThat(recorder.failed).containsExactly(9L);
        assertThat(registry.get(IntakeMetrics.UNREADABLE_METRIC).tag("reason", "invalid").counter().count()).isEqualTo(1);
    }

    @Test
    void aGuardThatFailsOneRecordSendsTheBatchOneByOneWhereTheFailureIsThatRecordsOwn() {
        List<EventEnvelope> events = List.of(created(), created(), created());
        RecordIntake guarded = new RecordIntake(codec, metrics, List.of(refuse(events.get(1).aggregateId())));

        guarded.take(records(events), projection, recorder);

        assertThat(projection.batches).isEmpty();
        assertThat(projection.alone).containsExactly(events.get(0), events.get(2));
        assertThat(recorder.failed).containsExactly(1L);
    }

    @Test
    void skippedRecordsStayOutOfTheBatchAndOutOfTheOneByOnePass() {
        List<EventEnvelope> events = List.of(created(), created(), created());
        recorder.skipped.add(0L);
        projection.failBatches = true;

        intake.take(records(events), projection, recorder);

        assertThat(projection.alone).containsExactly(events.get(1), events.get(2));
        assertThat(recorder.taken).hasSize(2);
    }

    @Test
    void aFailureHandlerThatThrowsStopsAtTheFailingRecord() {
        List<EventEnvelope> events = List.of(created(), created(), created());
        projection.failing.add(events.get(1));
        RecordIntake.Handling stop = (record, failure) -> {
            throw failure;
        };

        assertThatThrownBy(() -> intake.take(records(events), projection, stop)).isInstanceOf(IllegalStateException.class);
        assertThat(projection.alone).containsExactly(events.get(0));
    }

    private static ProjectionGuard refuse(UUID order) {
        return (readModel, envelope) -> {
            if (envelope.aggregateId().equals(order)) {
                throw new IllegalStateException("refused " + readModel + " " + envelope.aggregateId());
            }
        };
    }

    private static EventEnvelope created() {
        UUID order = UUID.randomUUID();
        return EventEnvelope.of(UUID.randomUUID(), 1, Instant.now(),
                new OrderCreated(order, "c-1", "EUR", List.of(new LineItem("SKU-1", 1, 100))));
    }

    private ConsumerRecord<String, String> record(long offset, EventEnvelope envelope) {
        return new ConsumerRecord<>("orders.events", 0, offset, envelope.aggregateId().toString(), codec.encode(envelope));
    }

    private List<ConsumerRecord<String, String>> records(List<EventEnvelope> events) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(record(i, events.get(i)));
        }
        return records;
    }

    /** Skips the offsets in {@link #skipped}; notes the event id in the log context of each record taken. */
    private static final class Recorder implements RecordIntake.Handling {

        final Set<Long> skipped = new HashSet<>();
        final List<String> taken = new ArrayList<>();
        final List<Long> failed = new ArrayList<>();

        @Override
        public boolean skip(ConsumerRecord<String, String> record) {
            return skipped.contains(record.offset());
        }

        @Override
        public void taken(ConsumerRecord<String, String> record, EventEnvelope envelope, ApplyOutcome outcome) {
            taken.add(MDC.get("eventId"));
        }

        @Override
        public void failed(ConsumerRecord<String, String> record, RuntimeException failure) {
            failed.add(record.offset());
        }
    }

    private static final class RecordingProjection implements Projection {

        final List<List<EventEnvelope>> batches = new ArrayList<>();
        final List<EventEnvelope> alone = new ArrayList<>();
        final Set<EventEnvelope> failing = new HashSet<>();
        ApplyOutcome outcome = ApplyOutcome.APPLIED;
        boolean failBatches;

        @Override
        public String readModel() {
            return READ_MODEL;
        }

        @Override
        public ApplyOutcome apply(EventEnvelope envelope) {
            if (failing.contains(envelope)) {
                throw new IllegalStateException("failing " + envelope.eventId());
            }
            alone.add(envelope);
            return outcome;
        }

        @Override
        public List<ApplyOutcome> applyAll(List<EventEnvelope> envelopes) {
            if (failBatches || envelopes.stream().anyMatch(failing::contains)) {
                throw new IllegalStateException("the batch fails");
            }
            batches.add(List.copyOf(envelopes));
            return envelopes.stream().map(envelope -> outcome).toList();
        }
    }
}
