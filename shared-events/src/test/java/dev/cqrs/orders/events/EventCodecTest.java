package dev.cqrs.orders.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Anything that is not a valid event is refused with one exception type, which the consumer dead-letters. */
class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void roundTripsEveryEventType() {
        UUID order = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<EventEnvelope> envelopes = List.of(
                EventEnvelope.of(UUID.randomUUID(), 1, at, new OrderCreated(order, "c", "USD", List.of(new LineItem("A", 1, 5)))),
                EventEnvelope.of(UUID.randomUUID(), 2, at, new OrderConfirmed(order)),
                EventEnvelope.of(UUID.randomUUID(), 3, at, new OrderShipped(order)),
                EventEnvelope.of(UUID.randomUUID(), 2, at, new OrderCancelled(order, "r")));
        for (EventEnvelope envelope : envelopes) {
            assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[1,2]",
        "{\"eventType\":\"OrderExploded\",\"schemaVersion\":1}",
        "{\"eventId\":\"x\",\"eventType\":\"OrderConfirmed\",\"schemaVersion\":1,\"aggregateId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"aggregateVersion\":2,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{\"orderId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\"}}",
        "{\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventType\":\"OrderConfirmed\",\"schemaVersion\":9,\"aggregateId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"aggregateVersion\":2,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{\"orderId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\"}}",
        "{\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventType\":\"OrderCreated\",\"schemaVersion\":1,\"aggregateId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"aggregateVersion\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{\"orderId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[]}}",
        "{\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventType\":\"OrderCreated\",\"schemaVersion\":1,\"aggregateId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"aggregateVersion\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{\"orderId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":1}]}}",
        "{\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventType\":\"OrderConfirmed\",\"schemaVersion\":1,\"aggregateId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"aggregateVersion\":2,\"occurredAt\":\"yesterday\",\"data\":{\"orderId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\"}}"
    })
    void refusesWhatIsNotAValidEvent(String json) {
        assertThatThrownBy(() -> codec.decode(json)).isInstanceOf(EventDecodingException.class);
    }

    @Test
    void tellsUnknownTypesAndNewerVersionsApartSoConsumersCanCountThem() {
        String unknown = "{\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventType\":\"OrderExploded\",\"schemaVersion\":1,"
                + "\"aggregateId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"aggregateVersion\":2,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{}}";
        assertThatThrownBy(() -> codec.decode(unknown)).isInstanceOf(UnknownEventTypeException.class).hasMessageContaining("OrderExploded");
        String newer = unknown.replace("OrderExploded", "OrderConfirmed").replace("\"schemaVersion\":1", "\"schemaVersion\":7");
        assertThatThrownBy(() -> codec.decode(newer)).isInstanceOf(UnsupportedEventVersionException.class)
                .hasMessageContaining("version 7");
    }

    @Test
    void toleratesFieldsAddedByANewerProducer() {
        String json = "{\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventType\":\"OrderConfirmed\",\"schemaVersion\":1,"
                + "\"aggregateType\":\"Order\",\"aggregateId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"aggregateVersion\":2,"
                + "\"occurredAt\":\"2026-01-01T00:00:00Z\",\"traceparent\":\"x\","
                + "\"data\":{\"orderId\":\"6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d\",\"confirmedBy\":\"ops\"}}";
        assertThat(codec.decode(json).event()).isEqualTo(new OrderConfirmed(UUID.fromString("6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d")));
    }
}
