package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void copiesOnceAndAgainOnlyWhenTheJarChanged() throws Exception {
        Path jar = Files.writeString(dir.resolve("app-exec.jar"), "v1");
        Path snapshots = dir.resolve("snapshots");

        Path copy = JarSnapshot.of(jar, snapshots);
        assertThat(copy).isEqualTo(snapshots.resolve("app-exec.jar")).hasContent("v1");
        Files.writeString(copy, "v1"); // same size; the time stamp decides
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(jar));
        assertThat(JarSnapshot.of(jar, snapshots)).hasContent("v1");

        Files.writeString(jar, "v2 rebuilt");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(JarSnapshot.of(jar, snapshots)).hasContent("v2 rebuilt");
        try (var files = Files.list(snapshots)) {
            assertThat(files).containsExactly(copy);
        }
    }
}
