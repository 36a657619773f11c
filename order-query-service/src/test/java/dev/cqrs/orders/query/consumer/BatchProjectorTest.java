package dev.cqrs.orders.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.query.deadletter.DeadLetters;
import dev.cqrs.orders.query.deadletter.InMemoryDeadLetterStore;
import dev.cqrs.orders.query.intake.IntakeMetrics;
import dev.cqrs.orders.query.intake.ReadModelProgress;
import dev.cqrs.orders.query.intake.RecordIntake;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.VersionGapException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

/** A poll's records go as one batch; a failure anywhere sends them one by one and names the failing record alone. */
class BatchProjectorTest {

    private static final String READ_MODEL = "recording";
    private static final String GROUP = "order-query.recording";

    private final EventCodec codec = new EventCodec();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReadModelProgress progress = new ReadModelProgress();
    private final IntakeMetrics metrics = new IntakeMetrics(registry, progress);
    private final List<Long> replayed = new ArrayList<>();
    private final DeadLetters deadLetters = new DeadLetters(new InMemoryDeadLetterStore(), Map.of(GROUP, READ_MODEL),
            (readModel, record) -> replayed.add(record.offset()), codec, Clock.systemUTC(), () -> { });
    private final BatchProjector projector = new BatchProjector(new RecordIntake(codec, metrics, List.of()), metrics,
            deadLetters, ObservationRegistry.NOOP);
    private final FakeProjection projection = new FakeProjection();
    private final List<Projected> applied = new ArrayList<>();

    @Test
    void aHealthyPollIsAppliedAsOneBatchAndEveryAppliedEventIsReported() {
        List<ConsumerRecord<String, String>> records = List.of(created(1), created(2), created(3));

        projector.project(records, projection, applied::add);

        assertThat(projection.batches).containsExactly(List.of(1L, 2L, 3L));
        assertThat(projection.oneByOne).isEmpty();
        assertThat(applied).extracting(projected -> projected.outcome()).containsOnly(ApplyOutcome.APPLIED).hasSize(3);
    }

    @Test
    void everyRecordTakenMovesTheProgressAndEveryAppliedEventIsTimedAndReportedWithItsEvent() {
        List<ConsumerRecord<String, String>> records = List.of(created(1), created(2), created(3));
        projection.outcomes = List.of(ApplyOutcome.APPLIED, ApplyOutcome.DUPLICATE, ApplyOutcome.APPLIED);

        projector.project(records, projection, applied::add);

        assertThat(applied).containsExactly(new Projected(codec.decode(records.get(0).value()), ApplyOutcome.APPLIED),
                new Projected(codec.decode(records.get(2).value()), ApplyOutcome.APPLIED));
        assertTimedAndAt(2, 3);
    }

    @Test
    void recordsTakenOneByOneAreTimedAndMoveTheProgressToo() {
        projection.failing = Set.of(3L);

        assertThatThrownBy(() -> projector.project(List.of(created(1), created(2), created(3)), projection, applied::add))
                .isInstanceOf(BatchListenerFailedException.class);

        assertTimedAndAt(2, 2);
    }

    private void assertTimedAndAt(long timed, long offset) {
        assertThat(registry.get(IntakeMetrics.DELAY_METRIC).tag("readModel", READ_MODEL).timer().count()).isEqualTo(timed);
        assertThat(progress.of(READ_MODEL).get(0).offset()).as("the last record taken").isEqualTo(offset);
    }

    @Test
    void aFailingRecordSendsTheBatchOneByOneAndIsReportedAloneWithTheRecordsBeforeItApplied() {
        List<ConsumerRecord<String, String>> records = List.of(created(1), created(2), created(3));
        projection.failing = Set.of(2L);

        assertThatThrownBy(() -> projector.project(records, projection, applied::add))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getRecord()).isSameAs(records.get(1));
                    assertThat(failure.getCause()).isInstanceOf(VersionGapException.class);
                });

        assertThat(projection.batches).isEmpty();
        assertThat(projection.oneByOne).containsExactly(1L);
        assertThat(applied).hasSize(1);
    }

    @Test
    void anUnreadableRecordIsReportedAloneToo() {
        ConsumerRecord<String, String> garbage = new ConsumerRecord<>("orders.events", 0, 7, UUID.randomUUID().toString(), "{");
        List<ConsumerRecord<String, String>> records = List.of(created(1), garbage, created(3));

        assertThatThrownBy(() -> projector.project(records, projection, applied::add))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failure -> assertThat(failure.getRecord()).isSameAs(garbage));
        assertThat(projection.oneByOne).containsExactly(1L);
    }

    @Test
    void recordsOfAnOrderParkedBehindADeadLetterStayOutOfTheBatch() {
        ConsumerRecord<String, String> head = created(1);
        deadLetters.recordFailure(GROUP, head, new IllegalStateException("a bug"), 3);
        ConsumerRecord<String, String> later = new ConsumerRecord<>("orders.events", 0, 4, head.key(), head.value());

        projector.project(List.of(later, created(5)), projection, applied::add);

        assertThat(projection.batches).containsExactly(List.of(5L));
        assertThat(deadLetters.list(READ_MODEL, null, 10)).hasSize(2);
    }

    @Test
    void aPollIsAppliedInSlicesSoThatAShutdownWaitsForOneSliceOnly() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (long offset = 0; offset < 2 * BatchProjector.SLICE + 10; offset++) {
            records.add(created(offset));
        }
        projection.onBatch = () -> projector.stopping(); // SIGTERM while the first slice is being written

        assertThatThrownBy(() -> projector.project(records, projection, applied::add))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getRecord()).as("the first record not applied").isSameAs(records.get(BatchProjector.SLICE));
                    assertThat(Failures.neverDeadLetter(failure)).isTrue();
                });

        assertThat(projection.batches).hasSize(1);
        assertThat(projection.batches.get(0)).hasSize(BatchProjector.SLICE);
        assertThat(applied).hasSize(BatchProjector.SLICE);
    }

    @Test
    void withoutAShutdownEverySliceOfAPollIsApplied() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (long offset = 0; offset < BatchProjector.SLICE + 1; offset++) {
            records.add(created(offset));
        }

        projector.project(records, projection, applied::add);

        assertThat(projection.batches).extracting(List::size).containsExactly(BatchProjector.SLICE, 1);
        assertThat(applied).hasSize(BatchProjector.SLICE + 1);
    }

    private ConsumerRecord<String, String> created(long offset) {
        UUID order = UUID.randomUUID();
        EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID(), 1, java.time.Instant.now(),
                new OrderCreated(order, "c-" + offset, "EUR", List.of(new LineItem("SKU-1", 1, 100))));
        return new ConsumerRecord<>("orders.events", 0, offset, order.toString(), codec.encode(envelope));
    }

    /** Applies by offset (carried in the customer id); fails with a gap on the offsets in {@link #failing}. */
    private static final class FakeProjection implements Projection {

        final List<List<Long>> batches = new ArrayList<>();
        final List<Long> oneByOne = new ArrayList<>();
        Set<Long> failing = Set.of();
        List<ApplyOutcome> outcomes;
        Runnable onBatch = () -> { };

        @Override
        public String readModel() {
            return READ_MODEL;
        }

        @Override
        public ApplyOutcome apply(EventEnvelope envelope) {
            long offset = offsetOf(envelope);
            fail(offset, envelope);
            oneByOne.add(offset);
            return ApplyOutcome.APPLIED;
        }

        @Override
        public List<ApplyOutcome> applyAll(List<EventEnvelope> envelopes) {
            envelopes.forEach(envelope -> fail(offsetOf(envelope), envelope));
            batches.add(envelopes.stream().map(FakeProjection::offsetOf).toList());
            onBatch.run();
            return outcomes != null ? outcomes : envelopes.stream().map(envelope -> ApplyOutcome.APPLIED).toList();
        }

        private void fail(long offset, EventEnvelope envelope) {
            if (failing.contains(offset)) {
                throw new VersionGapException(READ_MODEL, envelope.aggregateId().toString(), 2, 0);
            }
        }

        private static long offsetOf(EventEnvelope envelope) {
            return Long.parseLong(((OrderCreated) envelope.event()).customerId().substring(2));
        }
    }
}
