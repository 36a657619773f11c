package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;

/**
 * Runs components from copies of the executable jars, so that a rebuild (which rewrites the jars in place)
 * cannot pull classes out from under a running process. A changed jar is copied anew and renamed over the
 * old copy: processes still running keep the file they opened.
 */
final class JarSnapshot {

    private JarSnapshot() {
    }

    static Path of(Path jar, Path snapshotDir) throws IOException {
        Path copy = snapshotDir.resolve(jar.getFileName());
        FileTime modified = Files.getLastModifiedTime(jar);
        if (Files.isRegularFile(copy) && Files.size(copy) == Files.size(jar)
                && Files.getLastModifiedTime(copy).equals(modified)) {
            return copy;
        }
        Files.createDirectories(snapshotDir);
        Path partial = Files.createTempFile(snapshotDir, jar.getFileName().toString(), ".partial");
        try {
            Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(partial, modified);
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return copy;
    }
}
