package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Process-id helpers: liveness that treats zombies as dead, pid files, and ending a process that is not our child. */
final class Pids {

    private static final Logger log = LoggerFactory.getLogger(Pids.class);

    private Pids() {
    }

    /** Whether the process runs; a zombie (exited, not yet reaped) counts as gone. */
    static boolean alive(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.isReadable(stat)) {
            try {
                String text = Files.readString(stat, StandardCharsets.US_ASCII);
                int end = text.lastIndexOf(')');
                return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
            } catch (IOException e) {
                return false; // it vanished while we looked
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The executable of a running process, when the OS tells. */
    static Optional<String> command(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().command());
    }

    /** The full command line of a running process, when the OS tells. */
    static String commandLine(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine()).orElse("");
    }

    /** The number on the first line of a pid file, if the file exists and holds one. */
    static OptionalLong read(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return OptionalLong.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
            return first.matches("\\d{1,10}") ? OptionalLong.of(Long.parseLong(first)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static void write(Path pidFile, long pid) throws IOException {
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, pid + "\n", StandardCharsets.US_ASCII);
    }

    /** Sends SIGTERM, waits up to {@code grace}, then SIGKILL; returns false if the process outlived even that. */
    static boolean terminate(long pid, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !alive(pid)) {
            return true;
        }
        handle.get().destroy();
        if (awaitExit(pid, grace)) {
            return true;
        }
        log.warn("pid {} did not stop within {} s of SIGTERM; sending SIGKILL", pid, grace.toSeconds());
        handle.get().destroyForcibly();
        return awaitExit(pid, Duration.ofSeconds(10));
    }

    static boolean awaitExit(long pid, Duration timeout) {
        try {
            Poll.until(timeout, Duration.ofMillis(50), () -> !alive(pid), () -> "pid " + pid + " still runs");
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
