package dev.cqrs.orders.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventDecodingException;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.Projection;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ProjectionDispatcherTest {

    private final EventCodec codec = new EventCodec();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReadModelProgress progress = new ReadModelProgress();
    private final ProjectionDispatcher dispatcher = new ProjectionDispatcher(codec, registry, progress);
    private final RecordingProjection projection = new RecordingProjection();
    private final UUID order = UUID.randomUUID();
    private final EventEnvelope created = EventEnvelope.of(UUID.randomUUID(), 1, Instant.now().minusSeconds(2),
            new OrderCreated(order, "c-1", "EUR", List.of(new LineItem("SKU-1", 1, 100))));

    @Test
    void decodesTheRecordAndTimesTheDelayOfAppliedEvents() {
        dispatcher.dispatch(record(order.toString(), codec.encode(created)), projection);

        assertThat(projection.applied).containsExactly(created);
        Timer delay = registry.get(ProjectionDispatcher.DELAY_METRIC).tag("readModel", "recording").timer();
        assertThat(delay.count()).isEqualTo(1);
        assertThat(delay.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theDelayTimerPublishesPercentiles() {
        dispatcher.dispatch(record(order.toString(), codec.encode(created)), projection);

        var snapshot = registry.get(ProjectionDispatcher.DELAY_METRIC).tag("readModel", "recording").timer().takeSnapshot();
        assertThat(snapshot.percentileValues()).extracting(value -> value.percentile()).containsExactly(0.5, 0.95, 0.99);
    }

    @Test
    void remembersTheLastPositionProcessedPerPartitionWhateverTheOutcome() {
        projection.outcome = ApplyOutcome.DUPLICATE;

        dispatcher.dispatch(record(order.toString(), codec.encode(created)), projection);

        ReadModelProgress.LastApplied last = progress.of("recording").get(0);
        assertThat(last.offset()).isEqualTo(42);
        assertThat(last.eventOccurredAt()).isEqualTo(created.occurredAt());
    }

    @Test
    void answersTheEventAndTheOutcome() {
        Projected projected = dispatcher.dispatch(record(order.toString(), codec.encode(created)), projection);

        assertThat(projected).isEqualTo(new Projected(created, ApplyOutcome.APPLIED));
    }

    @Test
    void duplicatesAreNotTimed() {
        projection.outcome = ApplyOutcome.DUPLICATE;

        dispatcher.dispatch(record(order.toString(), codec.encode(created)), projection);

        assertThat(registry.find(ProjectionDispatcher.DELAY_METRIC).timer()).isNull();
    }

    @Test
    void invalidJsonIsPoison() {
        assertThatThrownBy(() -> dispatcher.dispatch(record(order.toString(), "{not json"), projection))
                .isInstanceOf(EventDecodingException.class);
        assertThat(projection.applied).isEmpty();
    }

    @Test
    void aKeyOtherThanTheOrderIdIsPoison() {
        String quoted = "\"" + order + "\"";

        assertThatThrownBy(() -> dispatcher.dispatch(record(quoted, codec.encode(created)), projection))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("key");
        assertThat(projection.applied).isEmpty();
    }

    @Test
    void unknownTypesNewerVersionsAndInvalidRecordsAreNeverAppliedAndCountedByReason() {
        String valid = codec.encode(created);
        String unknownType = valid.replace("\"OrderCreated\"", "\"OrderTeleported\"");
        String newerVersion = valid.replace("\"schemaVersion\":2", "\"schemaVersion\":3");

        for (String value : new String[] {unknownType, newerVersion, "{not json"}) {
            assertThatThrownBy(() -> dispatcher.dispatch(record(order.toString(), value), projection))
                    .isInstanceOf(EventDecodingException.class);
        }
        assertThat(projection.applied).isEmpty();
        assertThat(registry.get(ProjectionDispatcher.UNREADABLE_METRIC).tag("reason", "unknown_type").counter().count()).isEqualTo(1);
        assertThat(registry.get(ProjectionDispatcher.UNREADABLE_METRIC).tag("reason", "unsupported_version").counter().count()).isEqualTo(1);
        assertThat(registry.get(ProjectionDispatcher.UNREADABLE_METRIC).tag("reason", "invalid").counter().count()).isEqualTo(1);
    }

    @Test
    void aGuardThatThrowsFailsTheApplicationBeforeTheProjectionRuns() {
        ProjectionGuard refuseAll = (readModel, envelope) -> {
            throw new IllegalStateException("refused " + readModel + " " + envelope.aggregateId());
        };
        ProjectionDispatcher guarded = new ProjectionDispatcher(codec, registry, progress, List.of(refuseAll));

        assertThatThrownBy(() -> guarded.dispatch(record(order.toString(), codec.encode(created)), projection))
                .isInstanceOf(IllegalStateException.class).hasMessage("refused recording " + order);
        assertThat(projection.applied).isEmpty();
        assertThat(progress.of("recording")).isEmpty();
    }

    private static ConsumerRecord<String, String> record(String key, String value) {
        return new ConsumerRecord<>("orders.events", 0, 42, key, value);
    }

    private static final class RecordingProjection implements Projection {

        final List<EventEnvelope> applied = new ArrayList<>();
        ApplyOutcome outcome = ApplyOutcome.APPLIED;

        @Override
        public String readModel() {
            return "recording";
        }

        @Override
        public ApplyOutcome apply(EventEnvelope envelope) {
            applied.add(envelope);
            return outcome;
        }
    }
}
