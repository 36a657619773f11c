package dev.cqrs.orders.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Pins the wire format: each event type's current JSON must equal its golden file, both ways; old versions upcast. */
class GoldenJsonTest {

    static final UUID ORDER = UUID.fromString("6f1c2a34-8d7e-4b5a-9c0d-1e2f3a4b5c6d");
    static final Instant AT = Instant.parse("2026-11-26T10:15:30.123456Z");

    private final EventCodec codec = new EventCodec();
    private final JsonMapper plain = JsonMapper.builder().build();

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("OrderCreated.v2.json", EventEnvelope.of(UUID.fromString("00000000-0000-4000-8000-000000000005"), 1, AT,
                        new OrderCreated(ORDER, "customer-42", "EUR",
                                List.of(new LineItem("SKU-1", 2, 1250), new LineItem("SKU-2", 1, 999)), 500))),
                Arguments.of("OrderConfirmed.v1.json", EventEnvelope.of(UUID.fromString("00000000-0000-4000-8000-000000000002"), 2, AT,
                        new OrderConfirmed(ORDER))),
                Arguments.of("OrderShipped.v1.json", EventEnvelope.of(UUID.fromString("00000000-0000-4000-8000-000000000003"), 3, AT,
                        new OrderShipped(ORDER))),
                Arguments.of("OrderCancelled.v1.json", EventEnvelope.of(UUID.fromString("00000000-0000-4000-8000-000000000004"), 2, AT,
                        new OrderCancelled(ORDER, "customer changed their mind"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodingMatchesTheGoldenFile(String file, EventEnvelope envelope) throws IOException {
        assertThat(plain.readTree(codec.encode(envelope))).isEqualTo(plain.readTree(golden(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theGoldenFileDecodesToTheSameEvent(String file, EventEnvelope envelope) throws IOException {
        assertThat(codec.decode(golden(file))).isEqualTo(envelope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventTypeHasAGoldenSample(String file, EventEnvelope envelope) {
        assertThat(samples().map(a -> ((EventEnvelope) a.get()[1]).eventType()))
                .containsExactlyInAnyOrderElementsOf(EventTypes.names());
    }

    @org.junit.jupiter.api.Test
    void aVersionOneOrderCreatedIsReadAsVersionTwoWithoutDiscount() throws IOException {
        EventEnvelope read = codec.decode(golden("OrderCreated.v1.json"));
        assertThat(read.schemaVersion()).isEqualTo(2);
        assertThat(read.event()).isEqualTo(new OrderCreated(ORDER, "customer-42", "EUR",
                List.of(new LineItem("SKU-1", 2, 1250), new LineItem("SKU-2", 1, 999)), 0));
        assertThat(((OrderCreated) read.event()).totalCents()).isEqualTo(3499);
    }

    static String golden(String file) throws IOException {
        try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
