package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data archive costs only speed when it cannot be made, and is made again for every new build of a jar. */
class ClassDataArchiveTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    @Test
    void aJarThatCannotBeExtractedRunsAsItIsAndIsNotTrainedNorTriedAgain() throws IOException {
        Path jar = plainJar("not-spring-boot.jar");
        AtomicInteger trainings = new AtomicInteger();
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("cache"), JAVA);

        for (int attempt = 0; attempt < 2; attempt++) {
            ClassDataArchive.Run run = archive.prepare(Component.QUERY, jar, (extracted, options) -> {
                trainings.incrementAndGet();
                return new ProcessBuilder(JAVA.toString(), "-version");
            });
            assertThat(run).isEqualTo(new ClassDataArchive.Run(jar, List.of()));
        }
        assertThat(trainings).hasValue(0);
    }

    @Test
    void aMissingJarCostsTheArchiveNotTheStart() {
        Path missing = dir.resolve("gone.jar");
        ClassDataArchive.Run run = new ClassDataArchive(dir.resolve("cache"), JAVA)
                .prepare(Component.COMMAND, missing, (extracted, options) -> new ProcessBuilder("false"));
        assertThat(run).isEqualTo(new ClassDataArchive.Run(missing, List.of()));
    }

    @Test
    void eachBuildOfAJarAndEachComponentHasItsOwnArchive() throws IOException {
        Path jar = plainJar("service.jar");
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("cache"), JAVA);
        String first = archive.key(Component.COMMAND, jar);

        assertThat(archive.key(Component.COMMAND, jar)).isEqualTo(first);
        assertThat(archive.key(Component.QUERY, jar)).startsWith("query-service-").isNotEqualTo(first);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(archive.key(Component.COMMAND, jar)).startsWith("command-service-").isNotEqualTo(first);
    }

    @Test
    void theCacheFollowsXdgCacheHome() {
        assertThat(ClassDataArchive.defaultCacheRoot(new Env(Map.of("XDG_CACHE_HOME", "/var/cache/me"))))
                .isEqualTo(Path.of("/var/cache/me/cqrs-orders/cds"));
        assertThat(ClassDataArchive.defaultCacheRoot(new Env(Map.of())))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "cqrs-orders", "cds"));
    }

    private Path plainJar(String name) throws IOException {
        Path jar = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("hello.txt"));
            zip.write("hello".getBytes());
        }
        return jar;
    }
}
