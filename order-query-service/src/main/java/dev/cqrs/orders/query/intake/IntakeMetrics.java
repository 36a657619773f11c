package dev.cqrs.orders.query.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cqrs.orders.events.EventDecodingException;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.UnknownEventTypeException;
import dev.cqrs.orders.events.UnsupportedEventVersionException;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * What the intake measures: records no read model can read, and for each event a live read model took, how long after
 * the command committed it was applied and where in its partition the read model stands. Dashboards and alerts
 * (k8s/, ops-console) know these meters by name and tags.
 */
@Component
public class IntakeMetrics {

    /** Timer from an event's occurredAt to its application by a live read model, tagged {@code readModel}. */
    public static final String DELAY_METRIC = "orders.projection.delay";

    /** Counter of records that could not be read as an event, tagged {@code reason}. */
    public static final String UNREADABLE_METRIC = "orders.events.unreadable";

    private final MeterRegistry registry;
    private final ReadModelProgress progress;
    private final Map<String, Timer> delays = new ConcurrentHashMap<>();

    public IntakeMetrics(MeterRegistry registry, ReadModelProgress progress) {
        this.registry = registry;
        this.progress = progress;
    }

    /** A live read model took the record's event: its position moves whatever the outcome; only a change is timed. */
    public void taken(String readModel, ConsumerRecord<String, String> record, EventEnvelope envelope,
                      ApplyOutcome outcome) {
        if (outcome == ApplyOutcome.APPLIED) {
            Duration delay = Duration.between(envelope.occurredAt(), Instant.now());
            // Clock skew between hosts can make the delay negative; count it as immediate rather than drop it.
            delay(readModel).record(delay.isNegative() ? Duration.ZERO : delay);
        }
        progress.applied(readModel, record.partition(), record.offset(), envelope.occurredAt());
    }

    void unreadable(EventDecodingException e) {
        String reason = e instanceof UnknownEventTypeException ? "unknown_type"
                : e instanceof UnsupportedEventVersionException ? "unsupported_version" : "invalid";
        Counter.builder(UNREADABLE_METRIC)
                .description("Records no read model can apply: unknown type, newer schema version, or invalid; each is dead-lettered")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    private Timer delay(String readModel) {
        return delays.computeIfAbsent(readModel, name -> Timer.builder(DELAY_METRIC)
                .description("Time from an order event's occurredAt (the command's commit) until a read model applied it")
                .tag("readModel", name)
                // Both: quantiles computed here for the admin endpoint and dashboards without PromQL, and a bucketed
                // histogram that Prometheus can aggregate across replicas (histogram_quantile).
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry));
    }
}
