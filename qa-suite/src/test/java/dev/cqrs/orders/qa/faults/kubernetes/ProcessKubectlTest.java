package dev.cqrs.orders.qa.faults.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubectl process gets the arguments one by one (no shell in between), the context first, and a failure says why. */
class ProcessKubectlTest {

    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path script = dir.resolve("kubectl");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void argumentsArriveAsTheyAreWithTheContextFirst() throws IOException {
        Path kubectl = script("for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done");
        String out = new ProcessKubectl(kubectl.toString(), "staging", Duration.ofSeconds(10))
                .run(List.of("get", "pods", "--output=jsonpath={range .items[*]}{.metadata.name} {\"\\n\"}{end}"));
        assertThat(out.lines()).containsExactly("[--context=staging]", "[get]", "[pods]",
                "[--output=jsonpath={range .items[*]}{.metadata.name} {\"\\n\"}{end}]");
    }

    @Test
    void aFailedCallThrowsWithKubectlsOwnMessage() throws IOException {
        Path kubectl = script("echo 'Error from server (Forbidden): pods is forbidden' >&2; exit 1");
        assertThatThrownBy(() -> new ProcessKubectl(kubectl.toString(), null, Duration.ofSeconds(10)).run(List.of("get", "pods")))
                .hasMessageContaining("failed (exit 1): Error from server (Forbidden)");
    }

    @Test
    void aMissingBinarySaysHowToNameIt() {
        assertThatThrownBy(() -> new ProcessKubectl(dir.resolve("nope").toString(), null, Duration.ofSeconds(10)).run(List.of("version")))
                .hasMessageContaining("--kubectl names it");
    }
}
