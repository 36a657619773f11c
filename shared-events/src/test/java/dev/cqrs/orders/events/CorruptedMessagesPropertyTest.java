package dev.cqrs.orders.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever a corrupted message looks like, reading it either yields a valid event or fails with
 * {@link EventDecodingException}, the one exception the consumer dead-letters. Anything else would stall a partition.
 */
class CorruptedMessagesPropertyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final EventCodec codec = new EventCodec();

    @Property(tries = 500)
    void aCorruptedEventIsEitherValidOrADecodingError(@ForAll("corrupted") String message) {
        try {
            EventEnvelope envelope = codec.decode(message);
            // If it still reads, it must be a whole, valid event: re-encoding and reading it again is lossless.
            assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
        } catch (EventDecodingException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException other) {
            fail("reading a corrupted message threw " + other + " instead of EventDecodingException: " + message);
        }
    }

    @Provide
    Arbitrary<String> corrupted() throws IOException, java.net.URISyntaxException {
        List<String> samples = new ArrayList<>();
        for (String file : GoldenSamplesCompatibilityTest.samples().toList()) {
            samples.add(GoldenJsonTest.golden(file));
        }
        Arbitrary<String> sample = Arbitraries.of(samples);
        Arbitrary<String> truncated = Combinators.combine(sample, Arbitraries.doubles().between(0, 1))
                .as((json, cut) -> json.substring(0, (int) (json.length() * cut)));
        Arbitrary<String> bytesFlipped = Combinators.combine(sample, Arbitraries.integers().between(0, 10_000), Arbitraries.chars())
                .as((json, at, c) -> {
                    int i = at % json.length();
                    return json.substring(0, i) + c + json.substring(i + 1);
                });
        Arbitrary<String> fieldReplaced = Combinators.combine(sample, Arbitraries.of(
                        "eventId", "eventType", "schemaVersion", "aggregateId", "aggregateVersion", "occurredAt", "data",
                        "data.orderId", "data.items", "data.currency", "data.customerId", "data.reason", "data.discountCents"),
                        Arbitraries.of("null", "1", "-1", "1.5", "true", "\"\"", "\"x\"", "[]", "{}", "9223372036854775808"))
                .as(CorruptedMessagesPropertyTest::replace);
        return Arbitraries.oneOf(truncated, bytesFlipped, fieldReplaced, Arbitraries.strings().ofMaxLength(300));
    }

    private static String replace(String json, String path, String value) {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        String[] parts = path.split("\\.");
        JsonNode parent = parts.length == 1 ? root : root.get(parts[0]);
        if (parent instanceof ObjectNode object) {
            object.set(parts[parts.length - 1], JSON.readTree(value));
        }
        return JSON.writeValueAsString(root);
    }
}
