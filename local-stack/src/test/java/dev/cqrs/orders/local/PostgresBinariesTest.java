package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** The extraction into the project cache: complete or invisible, whatever interrupts it. */
class PostgresBinariesTest {

    @TempDir
    Path cache;

    private final AtomicInteger opens = new AtomicInteger();

    @Test
    void extractsFilesModesAndLinksOnceIntoAFolderMarkedComplete() throws Exception {
        byte[] archive = archive("bin/postgres", "lib/libpq.so.5");
        PostgresBinaries binaries = new PostgresBinaries(cache, () -> counted(archive));

        Path dir = binaries.ensure();

        assertThat(dir.getFileName().toString()).startsWith("PG-");
        assertThat(dir.resolve(PostgresBinaries.COMPLETE)).exists();
        assertThat(Files.readString(dir.resolve("bin/postgres"))).isEqualTo("contents of bin/postgres");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bin/postgres")))).isEqualTo("rwxr-xr-x");
        assertThat(Files.readSymbolicLink(dir.resolve("lib/libpq.so"))).isEqualTo(Path.of("libpq.so.5"));
        assertThat(Files.readString(dir.resolve("lib/libpq.so"))).isEqualTo("contents of lib/libpq.so.5");
        assertThat(Files.isSameFile(dir.resolve("lib/hard"), dir.resolve("lib/libpq.so.5"))).isTrue();
        int opensForTheFirst = opens.get();

        assertThat(binaries.ensure()).isEqualTo(dir);
        assertThat(opens.get() - opensForTheFirst).as("only the name is read again, nothing extracted").isEqualTo(1);
        assertThat(entries()).containsExactly(dir.getFileName().toString());
    }

    @Test
    void anExtractionThatFailsHalfWayLeavesNothingAStartWouldTakeForBinaries() throws Exception {
        byte[] archive = archive("bin/postgres", "lib/libpq.so.5");
        // The second open is the extraction: it breaks off after a few kilobytes, as a full disk or an OOM would.
        PostgresBinaries failing = new PostgresBinaries(cache, () -> opens.incrementAndGet() == 2
                ? breakingAfter(new ByteArrayInputStream(archive), archive.length / 2) : new ByteArrayInputStream(archive));

        assertThatThrownBy(failing::ensure).isInstanceOf(IOException.class).hasMessageContaining("could not extract");
        assertThat(entries()).isEmpty();

        Path dir = new PostgresBinaries(cache, () -> new ByteArrayInputStream(archive)).ensure();
        assertThat(PostgresBinaries.complete(dir)).isTrue();
    }

    @Test
    void leftoversOfAKilledExtractionAndABrokenFolderAreRepaired() throws Exception {
        byte[] archive = archive("bin/postgres", "lib/libpq.so.5");
        PostgresBinaries binaries = new PostgresBinaries(cache, () -> new ByteArrayInputStream(archive));
        String name = binaries.name();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path killed = Files.createDirectories(cache.resolve(name + ".partial-" + gone.pid() + "-1/lib"));
        Files.writeString(killed.resolve("half"), "x");
        // What zonky left in /tmp/embedded-pg after an OOM: the folder under the final name, without its marker.
        Path broken = Files.createDirectories(cache.resolve(name).resolve("lib"));
        Files.createSymbolicLink(broken.resolve("libicudata.so"), Path.of("libicudata.so.74"));

        Path dir = binaries.ensure();

        assertThat(PostgresBinaries.complete(dir)).isTrue();
        assertThat(dir.resolve("lib/libicudata.so")).doesNotExist();
        assertThat(entries()).containsExactly(name);
    }

    @Test
    void aLiveProcessesExtractionIsLeftAlone() throws Exception {
        byte[] archive = archive("bin/postgres");
        PostgresBinaries binaries = new PostgresBinaries(cache, () -> new ByteArrayInputStream(archive));
        Path running = Files.createDirectories(cache.resolve(binaries.name() + ".partial-" + ProcessHandle.current().pid() + "-7"));

        binaries.ensure();

        assertThat(running).exists();
    }

    @Test
    void anEntryOutsideTheFolderIsRefused() throws Exception {
        byte[] archive = archive("../escaped");
        PostgresBinaries binaries = new PostgresBinaries(cache, () -> new ByteArrayInputStream(archive));

        assertThatThrownBy(binaries::ensure).hasMessageContaining("outside the folder");
        assertThat(cache.resolveSibling("escaped")).doesNotExist();
    }

    /** The real archive in a 32 MB heap (zonky's own extraction failed in the node's 96 MB): the xz dictionary (8 MiB) is all it holds. */
    @Test
    void theRealBinariesExtractInAThirdOfTheNodesHeap() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), ExtractMain.class.getName(), cache.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor()).as(output).isZero();
        Path dir = Path.of(output.lines().reduce((first, last) -> last).orElseThrow().trim());
        assertThat(PostgresBinaries.complete(dir)).isTrue();
        assertThat(dir.resolve("bin/initdb")).isExecutable();
    }

    /** Run by the test above in a JVM of its own. */
    static final class ExtractMain {
        public static void main(String[] args) throws IOException {
            System.out.println(PostgresBinaries.of(Path.of(args[0])).ensure());
        }
    }

    private InputStream counted(byte[] archive) {
        opens.incrementAndGet();
        return new ByteArrayInputStream(archive);
    }

    private static InputStream breakingAfter(InputStream in, int limit) {
        return new FilterInputStream(in) {
            private int read;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (read >= limit) {
                    throw new IOException("No space left on device (simulated)");
                }
                int n = super.read(buffer, offset, Math.min(length, limit - read));
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    private Stream<String> entriesStream() throws IOException {
        return Files.list(cache).map(path -> path.getFileName().toString());
    }

    private java.util.List<String> entries() throws IOException {
        try (Stream<String> entries = entriesStream()) {
            return entries.toList();
        }
    }

    /** A tar.xz with the files (random contents make it big enough to break half-way), a symlink and a hard link. */
    private static byte[] archive(String... files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String file : files) {
                byte[] content = ("contents of " + file).getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file);
                entry.setSize(content.length);
                entry.setMode(file.startsWith("bin/") ? 0755 : 0644);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            byte[] noise = new byte[256 * 1024];
            new java.util.Random(42).nextBytes(noise);
            TarArchiveEntry big = new TarArchiveEntry("share/noise");
            big.setSize(noise.length);
            tar.putArchiveEntry(big);
            tar.write(noise);
            tar.closeArchiveEntry();
            if (java.util.List.of(files).contains("lib/libpq.so.5")) {
                TarArchiveEntry link = new TarArchiveEntry("lib/libpq.so", TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("libpq.so.5");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
                TarArchiveEntry hard = new TarArchiveEntry("lib/hard", TarArchiveEntry.LF_LINK);
                hard.setLinkName("lib/libpq.so.5");
                tar.putArchiveEntry(hard);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
