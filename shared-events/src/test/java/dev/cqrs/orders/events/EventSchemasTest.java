package dev.cqrs.orders.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published JSON Schema of each event type and version ({@code src/main/resources/schemas}) is generated from the
 * records: a change to a record that is not reflected in its schema fails here. Run with
 * {@code -Devents.schemas.write=true} to rewrite the current versions' files after an intended change (and add a
 * new version and an upcaster if the change is not additive). Every golden sample validates against its schema.
 */
class EventSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCHEMAS = Path.of("src/main/resources/schemas");

    @Test
    void theCommittedSchemaOfEveryCurrentVersionMatchesTheRecord() throws IOException {
        boolean write = Boolean.getBoolean("events.schemas.write");
        for (String type : EventTypes.names()) {
            Class<? extends OrderEvent> eventClass = EventTypes.classOf(type);
            String file = type + ".v" + EventTypes.versionOf(eventClass) + ".schema.json";
            ObjectNode generated = envelopeSchema(type, EventTypes.versionOf(eventClass), dataSchema(eventClass));
            if (write) {
                Files.writeString(SCHEMAS.resolve(file), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
            }
            assertThat(schema(file)).as("schemas/%s is out of date with %s; if the change is intended, rerun with"
                    + " -Devents.schemas.write=true", file, eventClass.getSimpleName()).isEqualTo(generated);
        }
    }

    static List<String> samples() throws IOException, URISyntaxException {
        return GoldenSamplesCompatibilityTest.samples().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyGoldenSampleValidatesAgainstTheSchemaOfItsVersion(String sample) throws IOException {
        String schemaFile = sample.replace(".json", ".schema.json");
        List<Error> errors = validator(schemaFile).validate(JSON.readTree(GoldenJsonTest.golden(sample)));
        assertThat(errors).as("%s against schemas/%s", sample, schemaFile).isEmpty();
    }

    @Test
    void theSchemasRejectAMalformedEvent() throws IOException {
        ObjectNode sample = (ObjectNode) JSON.readTree(GoldenJsonTest.golden("OrderCreated.v2.json"));
        ((ObjectNode) sample.get("data").get("items").get(0)).put("quantity", "two");
        ((ObjectNode) sample.get("data")).remove("currency");
        assertThat(validator("OrderCreated.v2.schema.json").validate(sample)).hasSizeGreaterThanOrEqualTo(2);
    }

    private static Schema validator(String file) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema(file));
    }

    private static JsonNode schema(String file) throws IOException {
        // Read from the source tree, so that a rewrite is seen at once and nothing stale from target/ is compared.
        Path path = SCHEMAS.resolve(file);
        assertThat(path).as("schemas/%s exists", file).exists();
        return JSON.readTree(Files.readString(path));
    }

    private static ObjectNode dataSchema(Class<?> eventClass) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        // Every component is required: the codec fails on a missing one rather than defaulting it.
        config.forFields().withRequiredCheck(field -> true);
        return new SchemaGenerator(config.build()).generateSchema(eventClass);
    }

    private static ObjectNode envelopeSchema(String type, int version, ObjectNode data) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "urn:cqrs-orders:event:" + type + ":v" + version);
        schema.put("title", type + " v" + version);
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("eventId").put("type", "string").put("format", "uuid");
        properties.putObject("eventType").put("const", type);
        properties.putObject("schemaVersion").put("const", version);
        properties.putObject("aggregateType").put("const", OrderEvent.AGGREGATE_TYPE);
        properties.putObject("aggregateId").put("type", "string").put("format", "uuid");
        properties.putObject("aggregateVersion").put("type", "integer").put("minimum", 1);
        properties.putObject("occurredAt").put("type", "string").put("format", "date-time");
        properties.set("data", data);
        var required = schema.putArray("required");
        List.of("eventId", "eventType", "schemaVersion", "aggregateId", "aggregateVersion", "occurredAt", "data")
                .forEach(required::add);
        return schema;
    }
}
