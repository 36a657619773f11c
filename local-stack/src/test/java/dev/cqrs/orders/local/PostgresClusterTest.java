package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster appears whole or not at all: initdb works beside the data directory, then it is renamed into place. */
class PostgresClusterTest {

    private static Path binaries;

    @TempDir
    Path dir;

    @BeforeAll
    static void binaries() throws Exception {
        binaries = PostgresBinaries.of(ProjectCache.postgresBinaries(Env.system())).ensure();
    }

    @Test
    void aFirstStartMakesTheClusterInPlaceOfAnEmptyFolder() throws Exception {
        Path data = Files.createDirectories(dir.resolve("postgres"));

        new PostgresCluster(binaries, data).ensureInitialized(PostgresNode.USER);

        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(data.resolve("global/pg_control")).exists();
        assertThat(siblings()).containsExactly("postgres");
    }

    @Test
    void whatAnInterruptedInitdbLeftIsRedoneAndWhatAPersonLeftIsKeptAside() throws Exception {
        Path data = Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(data.resolve("notes.txt"), "not a cluster");
        Path half = Files.createDirectories(dir.resolve("postgres.initdb-partial/base"));
        Files.writeString(half.getParent().resolve("PG_VERSION"), "17\n");

        new PostgresCluster(binaries, data).ensureInitialized(PostgresNode.USER);

        assertThat(data.resolve("global/pg_control")).exists();
        assertThat(siblings()).hasSize(2).contains("postgres").anyMatch(name -> name.startsWith("postgres.incomplete-"));
        Path aside = dir.resolve(siblings().stream().filter(name -> name.startsWith("postgres.incomplete-")).findFirst().orElseThrow());
        assertThat(aside.resolve("notes.txt")).hasContent("not a cluster");
    }

    @Test
    void anExistingClusterIsLeftAsItIs() throws Exception {
        Path data = dir.resolve("postgres");
        PostgresCluster cluster = new PostgresCluster(binaries, data);
        cluster.ensureInitialized(PostgresNode.USER);
        Files.writeString(data.resolve("marker"), "kept");

        cluster.ensureInitialized(PostgresNode.USER);

        assertThat(data.resolve("marker")).hasContent("kept");
    }

    private java.util.List<String> siblings() throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
