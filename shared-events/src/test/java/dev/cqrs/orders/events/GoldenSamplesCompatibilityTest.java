package dev.cqrs.orders.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every golden sample ever committed must still be readable: events stay on the topic forever and a rebuild reads
 * them all. A change to a record or the codec that breaks an old sample fails here, naming the sample.
 */
class GoldenSamplesCompatibilityTest {

    private static final Pattern NAME = Pattern.compile("(\\w+)\\.v(\\d+)\\.json");

    private final EventCodec codec = new EventCodec();

    static Stream<String> samples() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenSamplesCompatibilityTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyCommittedSampleStillDecodes(String file) throws IOException {
        Matcher name = NAME.matcher(file);
        assertThat(name.matches()).as("golden files are named <EventType>.v<version>.json: %s", file).isTrue();
        String json = GoldenJsonTest.golden(file);
        JsonNode raw = JsonMapper.builder().build().readTree(json);
        assertThat(raw.get("eventType").asString()).as("eventType in %s", file).isEqualTo(name.group(1));
        assertThat(raw.get("schemaVersion").asInt()).as("schemaVersion in %s", file).isEqualTo(Integer.parseInt(name.group(2)));

        EventEnvelope envelope = codec.decode(json);
        assertThat(envelope.eventType()).isEqualTo(name.group(1));
        assertThat(envelope.schemaVersion()).isEqualTo(EventTypes.versionOf(EventTypes.classOf(name.group(1))));
        // What is read can be written and read again unchanged: nothing is lost in the upcast.
        assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void everyVersionOfEveryEventTypeHasASample() throws IOException, URISyntaxException {
        List<String> files = samples().toList();
        for (String type : EventTypes.names()) {
            int current = EventTypes.versionOf(EventTypes.classOf(type));
            for (int version = 1; version <= current; version++) {
                assertThat(files).as("golden samples").contains(type + ".v" + version + ".json");
            }
        }
    }
}
