package dev.cqrs.orders.query.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.LineItem;
import dev.cqrs.orders.events.OrderCreated;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The meters dashboards and alerts read, by name and tag, and the position each read model reached. */
class IntakeMetricsTest {

    private static final String READ_MODEL = "recording";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReadModelProgress progress = new ReadModelProgress();
    private final IntakeMetrics metrics = new IntakeMetrics(registry, progress);
    private final UUID order = UUID.randomUUID();
    private final EventEnvelope created = EventEnvelope.of(UUID.randomUUID(), 1, Instant.now().minusSeconds(2),
            new OrderCreated(order, "c-1", "EUR", List.of(new LineItem("SKU-1", 1, 100))));
    private final ConsumerRecord<String, String> record = new ConsumerRecord<>("orders.events", 0, 42, order.toString(), "{}");

    @Test
    void timesTheDelayOfAppliedEventsFromWhenTheCommandCommitted() {
        metrics.taken(READ_MODEL, record, created, ApplyOutcome.APPLIED);

        Timer delay = registry.get("orders.projection.delay").tag("readModel", READ_MODEL).timer();
        assertThat(delay.count()).isEqualTo(1);
        assertThat(delay.totalTime(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theDelayTimerPublishesPercentiles() {
        metrics.taken(READ_MODEL, record, created, ApplyOutcome.APPLIED);

        var snapshot = registry.get(IntakeMetrics.DELAY_METRIC).tag("readModel", READ_MODEL).timer().takeSnapshot();
        assertThat(snapshot.percentileValues()).extracting(value -> value.percentile()).containsExactly(0.5, 0.95, 0.99);
    }

    @Test
    void remembersTheLastPositionProcessedPerPartitionWhateverTheOutcome() {
        metrics.taken(READ_MODEL, record, created, ApplyOutcome.DUPLICATE);

        ReadModelProgress.LastApplied last = progress.of(READ_MODEL).get(0);
        assertThat(last.offset()).isEqualTo(42);
        assertThat(last.eventOccurredAt()).isEqualTo(created.occurredAt());
    }

    @Test
    void duplicatesAndStaleEventsAreNotTimed() {
        metrics.taken(READ_MODEL, record, created, ApplyOutcome.DUPLICATE);
        metrics.taken(READ_MODEL, record, created, ApplyOutcome.STALE);

        assertThat(registry.find(IntakeMetrics.DELAY_METRIC).timer()).isNull();
    }
}
