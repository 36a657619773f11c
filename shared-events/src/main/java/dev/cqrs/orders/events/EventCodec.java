package dev.cqrs.orders.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the event wire format: one JSON object holding the envelope fields and the event
 * record under {@code data}. The golden files in the tests pin this format; change it only with a new
 * schema version and an {@link Upcaster} from the previous one. Older versions are upcast on read, so a decoded
 * envelope always holds the current record and reports the current schema version.
 */
public final class EventCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            // Missing fields must fail instead of defaulting a price or a quantity to 0.
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Additive fields from a newer producer are tolerated by older readers.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The JSON text of an envelope and its event. */
    public String encode(EventEnvelope envelope) {
        ObjectNode node = mapper.createObjectNode();
        node.put("eventId", envelope.eventId().toString());
        node.put("eventType", envelope.eventType());
        node.put("schemaVersion", envelope.schemaVersion());
        node.put("aggregateType", OrderEvent.AGGREGATE_TYPE);
        node.put("aggregateId", envelope.aggregateId().toString());
        node.put("aggregateVersion", envelope.aggregateVersion());
        node.put("occurredAt", envelope.occurredAt().toString());
        node.set("data", mapper.valueToTree(envelope.event()));
        return mapper.writeValueAsString(node);
    }

    /** Parses and validates a message; anything that is not a valid event fails with {@link EventDecodingException}. */
    public EventEnvelope decode(String json) {
        if (json == null || json.isBlank()) {
            throw new EventDecodingException("empty message: expected an event envelope");
        }
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw new EventDecodingException("expected a JSON object for the event envelope");
            }
            String type = text(node, "eventType");
            Class<? extends OrderEvent> eventClass = EventTypes.classOf(type);
            if (eventClass == null) {
                throw new UnknownEventTypeException("unknown event type '" + type + "'; known: " + EventTypes.names());
            }
            int schemaVersion = required(node, "schemaVersion").asInt();
            int current = EventTypes.versionOf(eventClass);
            if (schemaVersion > current || schemaVersion < 1) {
                throw new UnsupportedEventVersionException(type + " schema version " + schemaVersion
                        + " is not supported by this build (it reads versions 1 to " + current + ")");
            }
            JsonNode data = required(node, "data");
            if (!data.isObject()) {
                throw new EventDecodingException("the envelope's data must be an object");
            }
            Upcasters.upcast(type, schemaVersion, current, (ObjectNode) data);
            OrderEvent event = mapper.treeToValue(data, eventClass);
            return new EventEnvelope(
                    UUID.fromString(text(node, "eventId")),
                    type,
                    current,
                    UUID.fromString(text(node, "aggregateId")),
                    required(node, "aggregateVersion").asLong(),
                    Instant.parse(text(node, "occurredAt")),
                    event);
        } catch (JacksonException | IllegalArgumentException | DateTimeParseException e) {
            throw new EventDecodingException("not a valid event: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new EventDecodingException("the envelope lacks '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asString();
    }
}
