package dev.cqrs.orders.query.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventDecodingException;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.events.UnknownEventTypeException;
import dev.cqrs.orders.events.UnsupportedEventVersionException;
import dev.cqrs.orders.query.readmodel.ApplyOutcome;
import dev.cqrs.orders.query.readmodel.Projection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decodes one record and hands it to a live projection, timing how long after the command committed the read model
 * caught up and remembering the last position applied. Exceptions propagate to the container's error handler, which
 * decides between retry and dead letter.
 */
@Component
public class ProjectionDispatcher {

    /** Timer from an event's occurredAt to its application by a live read model, tagged {@code readModel}. */
    public static final String DELAY_METRIC = "orders.projection.delay";

    /** Counter of records that could not be read as an event, tagged {@code reason}. */
    public static final String UNREADABLE_METRIC = "orders.events.unreadable";

    private static final Logger log = LoggerFactory.getLogger(ProjectionDispatcher.class);

    private final EventCodec codec;
    private final MeterRegistry registry;
    private final ReadModelProgress progress;
    private final List<ProjectionGuard> guards;
    private final Map<String, Timer> delays = new ConcurrentHashMap<>();

    ProjectionDispatcher(EventCodec codec, MeterRegistry registry, ReadModelProgress progress) {
        this(codec, registry, progress, List.of());
    }

    @Autowired
    ProjectionDispatcher(EventCodec codec, MeterRegistry registry, ReadModelProgress progress,
                         List<ProjectionGuard> guards) {
        this.codec = codec;
        this.registry = registry;
        this.progress = progress;
        this.guards = List.copyOf(guards);
    }

    /** Projects the record's event; an undecodable record fails with {@link EventDecodingException}. */
    public Projected dispatch(ConsumerRecord<String, String> record, Projection projection) {
        EventEnvelope envelope = decode(record);
        // The causation id of every log line written while this event is applied (the trace id is the correlation).
        try (MDC.MDCCloseable causation = MDC.putCloseable("eventId", envelope.eventId().toString())) {
            return apply(record, projection, envelope);
        }
    }

    private Projected apply(ConsumerRecord<String, String> record, Projection projection, EventEnvelope envelope) {
        beforeApply(projection.readModel(), envelope);
        return applied(record, projection, envelope, projection.apply(envelope));
    }

    /**
     * Records what applying the record's event did (delay metric, the read model's position, a debug line), for a
     * record applied as part of a batch.
     */
    public Projected report(ConsumerRecord<String, String> record, Projection projection, EventEnvelope envelope,
                            ApplyOutcome outcome) {
        try (MDC.MDCCloseable causation = MDC.putCloseable("eventId", envelope.eventId().toString())) {
            return applied(record, projection, envelope, outcome);
        }
    }

    private Projected applied(ConsumerRecord<String, String> record, Projection projection, EventEnvelope envelope,
                              ApplyOutcome outcome) {
        if (outcome == ApplyOutcome.APPLIED) {
            Duration delay = Duration.between(envelope.occurredAt(), Instant.now());
            // Clock skew between hosts can make the delay negative; count it as immediate rather than drop it.
            delay(projection.readModel()).record(delay.isNegative() ? Duration.ZERO : delay);
        }
        progress.applied(projection.readModel(), record.partition(), record.offset(), envelope.occurredAt());
        log.debug("{}: {} {} v{} of order {} from {}-{}@{}: {}", projection.readModel(), envelope.eventType(),
                envelope.eventId(), envelope.aggregateVersion(), envelope.aggregateId(), record.topic(),
                record.partition(), record.offset(), outcome);
        return new Projected(envelope, outcome);
    }

    /** Runs the guards (the fault switch, when enabled) that may fail this read model's application of the event. */
    public void beforeApply(String readModel, EventEnvelope envelope) {
        for (ProjectionGuard guard : guards) {
            guard.beforeApply(readModel, envelope);
        }
    }

    /** The record's event, checked against the contract; anything else is {@link EventDecodingException}. */
    public EventEnvelope decode(ConsumerRecord<String, String> record) {
        EventEnvelope envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (EventDecodingException e) {
            // Policy for what this build cannot read: never applied, never a crash; dead-lettered, and counted here.
            unreadable(e).increment();
            throw e;
        }
        return keyed(record, envelope);
    }

    /**
     * {@link #decode} without counting a failure: for a first look at a batch, whose unreadable record is then decoded
     * (and counted) once more on the way to its dead letter.
     */
    public EventEnvelope read(ConsumerRecord<String, String> record) {
        return keyed(record, codec.decode(record.value()));
    }

    private static EventEnvelope keyed(ConsumerRecord<String, String> record, EventEnvelope envelope) {
        if (!envelope.aggregateId().toString().equals(record.key())) {
            // The key decides the partition, and only one partition per order keeps its events in order.
            throw new EventDecodingException("record key '" + record.key() + "' is not the order id "
                    + envelope.aggregateId() + " of event " + envelope.eventId() + "; producers must key by order id");
        }
        return envelope;
    }

    private Counter unreadable(EventDecodingException e) {
        String reason = e instanceof UnknownEventTypeException ? "unknown_type"
                : e instanceof UnsupportedEventVersionException ? "unsupported_version" : "invalid";
        return Counter.builder(UNREADABLE_METRIC)
                .description("Records no read model can apply: unknown type, newer schema version, or invalid; each is dead-lettered")
                .tag("reason", reason)
                .register(registry);
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
