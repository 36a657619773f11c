package dev.cqrs.orders.events;

import static dev.cqrs.orders.propertychecks.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import dev.cqrs.orders.propertychecks.Inputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever a corrupted message looks like, reading it either yields a valid event or fails with
 * {@link EventDecodingException}, the one exception the consumer dead-letters. Anything else would stall a partition.
 */
class CorruptedMessagesPropertyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> FIELDS = List.of("eventId", "eventType", "schemaVersion", "aggregateId",
            "aggregateVersion", "occurredAt", "data", "data.orderId", "data.items", "data.currency", "data.customerId",
            "data.reason", "data.discountCents");
    private static final List<String> WRONG_VALUES = List.of("null", "1", "-1", "1.5", "true", "\"\"", "\"x\"", "[]", "{}",
            "9223372036854775808");

    private static final List<String> samples = new ArrayList<>();
    private final EventCodec codec = new EventCodec();

    @BeforeAll
    static void readSamples() throws IOException, URISyntaxException {
        for (String file : GoldenSamplesCompatibilityTest.samples().toList()) {
            samples.add(GoldenJsonTest.golden(file));
        }
    }

    @Test
    void aCorruptedEventIsEitherValidOrADecodingError() {
        forAll(500, CorruptedMessagesPropertyTest::corrupted, message -> {
            try {
                EventEnvelope envelope = codec.decode(message);
                // If it still reads, it must be a whole, valid event: re-encoding and reading it again is lossless.
                assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
            } catch (EventDecodingException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException other) {
                fail("reading a corrupted message threw " + other + " instead of EventDecodingException", other);
            }
        });
    }

    static String corrupted(Inputs inputs) {
        return inputs.fromOneOf(CorruptedMessagesPropertyTest::truncated, CorruptedMessagesPropertyTest::charReplaced,
                CorruptedMessagesPropertyTest::fieldReplaced, in -> in.anyString(0, 300));
    }

    private static String truncated(Inputs inputs) {
        String json = inputs.oneOf(samples);
        return json.substring(0, (int) (json.length() * inputs.fraction()));
    }

    private static String charReplaced(Inputs inputs) {
        String json = inputs.oneOf(samples);
        int at = inputs.intBetween(0, 10_000) % json.length();
        return json.substring(0, at) + inputs.anyChar() + json.substring(at + 1);
    }

    private static String fieldReplaced(Inputs inputs) {
        ObjectNode root = (ObjectNode) JSON.readTree(inputs.oneOf(samples));
        String[] path = inputs.oneOf(FIELDS).split("\\.");
        JsonNode parent = path.length == 1 ? root : root.get(path[0]);
        if (parent instanceof ObjectNode object) {
            object.set(path[path.length - 1], JSON.readTree(inputs.oneOf(WRONG_VALUES)));
        }
        return JSON.writeValueAsString(root);
    }
}
