package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One launcher per data directory: two would run their components on the same files. A file lock, which the OS
 * releases when its holder dies however it dies, so a kill -9 never leaves a stale lock behind.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE = "launcher.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting up to {@code timeout} for a holder (a guardian that is cleaning up) to let go. */
    static DataDirLock await(Path dataDir, Duration timeout) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                    return new DataDirLock(channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new IllegalStateException("another launcher (pid " + holder(dataDir) + ") is using DATA_DIR "
                            + dataDir + ": stop it first (Ctrl-C in its terminal), or give this one another DATA_DIR");
                }
                Poll.pause(Duration.ofMillis(200));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM holds it already, through another launcher object
        }
    }

    /** The pid written by the holder, or "unknown". */
    static String holder(Path dataDir) {
        java.util.OptionalLong pid = Pids.read(dataDir.resolve(FILE));
        return pid.isPresent() ? Long.toString(pid.getAsLong()) : "unknown";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
