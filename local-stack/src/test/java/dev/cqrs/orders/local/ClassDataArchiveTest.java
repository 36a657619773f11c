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

import dev.cqrs.orders.local.ClassDataArchive.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data archive costs only speed when it cannot be made, and is made again for every new build of a jar. */
class ClassDataArchiveTest {

    private static final Env NO_ENV = new Env(Map.of());
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    @Test
    void aJarThatCannotBeExtractedRunsAsItIsAndIsNotTrainedNorTriedAgain() throws IOException {
        Path jar = plainJar("not-spring-boot.jar");
        AtomicInteger trainings = new AtomicInteger();
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("cache"), JAVA, NO_ENV);

        for (int attempt = 0; attempt < 2; attempt++) {
            ClassDataArchive.Run run = archive.prepare(Component.QUERY, jar, List.of(), (extracted, options) -> {
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
        ClassDataArchive.Run run = new ClassDataArchive(dir.resolve("cache"), JAVA, NO_ENV)
                .prepare(Component.COMMAND, missing, List.of(), (extracted, options) -> new ProcessBuilder("false"));
        assertThat(run).isEqualTo(new ClassDataArchive.Run(missing, List.of()));
    }

    @Test
    void eachBuildOfAJarAndEachComponentHasItsOwnArchive() throws IOException {
        Path jar = plainJar("service.jar");
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("cache"), JAVA, NO_ENV);
        String first = archive.key(Component.COMMAND, jar, List.of());

        assertThat(archive.key(Component.COMMAND, jar, List.of())).isEqualTo(first);
        assertThat(archive.key(Component.QUERY, jar, List.of())).startsWith("query-service-").isNotEqualTo(first);
        assertThat(archive.key(Component.COMMAND, jar, List.of("-XX:+UseCompactObjectHeaders")))
                .as("an archive made with other JVM options does not map").isNotEqualTo(first);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(archive.key(Component.COMMAND, jar, List.of())).startsWith("command-service-").isNotEqualTo(first);
    }

    @Test
    void fromJdk25OnTheArchiveIsTheAotCache() throws IOException {
        assertThat(Format.of(fakeJdk("jdk25", "JAVA_VERSION=\"25.0.3\""), NO_ENV)).isEqualTo(Format.AOT);
        assertThat(Format.of(fakeJdk("jdk26", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"26\""), NO_ENV)).isEqualTo(Format.AOT);
        assertThat(Format.of(fakeJdk("jdk21", "JAVA_VERSION=\"21.0.5\""), NO_ENV)).isEqualTo(Format.CDS);
        assertThat(Format.of(fakeJdk("jdk17", "JAVA_VERSION=\"17.0.15\""), NO_ENV)).isEqualTo(Format.CDS);
        assertThat(Format.of(fakeJdk("unknown", "IMPLEMENTOR=\"x\""), NO_ENV)).isEqualTo(Format.CDS);
        assertThat(Format.of(dir.resolve("nowhere/bin/java"), NO_ENV)).isEqualTo(Format.CDS);
        assertThat(Format.of(fakeJdk("jdk25-cds", "JAVA_VERSION=\"25\""), new Env(Map.of("SERVICES_CLASS_DATA", "cds"))))
                .as("asked for CDS").isEqualTo(Format.CDS);
    }

    /** A JDK's layout as far as the format looks: bin/java and the release file. */
    private Path fakeJdk(String name, String release) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Files.writeString(dir.resolve(name).resolve("release"), release + "\n");
        return Files.writeString(bin.resolve("java"), "");
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
