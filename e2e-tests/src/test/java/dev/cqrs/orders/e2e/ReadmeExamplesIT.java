package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.local.LocalSystem;

/**
 * The README's "Try it" block, run by bash as a reader would paste it (./run token included), against the running
 * system: only the host and ports change. Every curl line says the status it answers in a trailing comment, and gets it.
 */
@EndToEnd
class ReadmeExamplesIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final Pattern EXPECTED = Pattern.compile("#\\s*(\\d{3})\\b");

    @Test
    void theTryItExamplesWorkAsWritten(LocalSystem system) throws Exception {
        List<String> commands = commands(tryItBlock(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8)));
        assertThat(commands).as("the README's Try-it commands").anyMatch(command -> command.contains("./run token"))
                .filteredOn(command -> command.contains("curl")).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(command -> assertThat(EXPECTED.matcher(command).find())
                        .as("a curl line says the status it answers: %s", command).isTrue());

        StringBuilder script = new StringBuilder("set -u\n");
        for (int i = 0; i < commands.size(); i++) {
            script.append("echo '@@").append(i).append("' >&2\n").append(localized(commands.get(i), system)).append('\n');
        }
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString()).directory(ROOT.toFile())
                .redirectErrorStream(true);
        bash.environment().put("DATA_DIR", system.dataDir().toString());
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        String[] sections = output.split("@@\\d+\\n", -1);
        for (int i = 0; i < commands.size(); i++) {
            Matcher expected = EXPECTED.matcher(commands.get(i));
            if (commands.get(i).contains("curl") && expected.find()) {
                assertThat(sections[i + 1]).as("%s%n answered:%n%s", commands.get(i), sections[i + 1])
                        .containsPattern("HTTP/1\\.1 " + expected.group(1) + "\\b");
            }
        }
    }

    /** The first bash block after "Try it". */
    static String tryItBlock(String readme) {
        int start = readme.indexOf("```bash", readme.indexOf("Try it"));
        assertThat(start).as("a ```bash block after 'Try it' in README.md").isPositive();
        int end = readme.indexOf("```", start + 7);
        return readme.substring(start + 7, end);
    }

    /** Logical commands: continuation lines joined, comment-only and blank lines dropped. */
    static List<String> commands(String block) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.split("\n")) {
            if (current.isEmpty() && (line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            current.append(line).append('\n');
            if (!line.endsWith("\\")) {
                commands.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return commands;
    }

    private static String localized(String command, LocalSystem system) {
        return command.replace("localhost:8081", hostAndPort(system.commandUrl()))
                .replace("localhost:8082", hostAndPort(system.queryUrl()));
    }

    private static String hostAndPort(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }
}
