package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-id helpers: liveness that treats zombies as dead, pid files, and ending a process that is not our child.
 * {@link #alive} and {@link #read} are public for the QA suite's local fault driver.
 */
public final class Pids {

    private static final Logger log = LoggerFactory.getLogger(Pids.class);

    private Pids() {
    }

    /** Whether the process runs; a zombie (exited, not yet reaped) counts as gone. */
    public static boolean alive(long pid) {
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
    public static OptionalLong read(Path pidFile) {
        List<String> lines = lines(pidFile);
        String first = lines.isEmpty() ? "" : lines.get(0).trim();
        return first.matches("\\d{1,10}") ? OptionalLong.of(Long.parseLong(first)) : OptionalLong.empty();
    }

    /**
     * The pid of a pid file while that very process runs: its start time (second line) must match, so a pid the
     * kernel reused for another process is never taken for ours. A file without a start time trusts the pid.
     */
    static OptionalLong readLive(Path pidFile) {
        OptionalLong pid = read(pidFile);
        if (pid.isEmpty() || !alive(pid.getAsLong())) {
            return OptionalLong.empty();
        }
        List<String> lines = lines(pidFile);
        if (lines.size() < 2 || lines.get(1).isBlank()) {
            return pid;
        }
        return lines.get(1).trim().equals(startTime(pid.getAsLong())) ? pid : OptionalLong.empty();
    }

    /** The pid, then its process's start time. */
    static void write(Path pidFile, long pid) throws IOException {
        Files.createDirectories(pidFile.getParent());
        Path partial = pidFile.resolveSibling(pidFile.getFileName() + ".partial");
        Files.writeString(partial, pid + "\n" + startTime(pid) + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** When the process started, in epoch milliseconds as the OS reports it; empty when unknown. */
    static String startTime(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant())
                .map(instant -> Long.toString(instant.toEpochMilli())).orElse("");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.US_ASCII) : List.of();
        } catch (IOException e) {
            return List.of();
        }
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

    /**
     * Sends a signal Java has no API for (SIGINT is PostgreSQL's fast shutdown) through kill(1); returns whether it
     * was delivered.
     */
    static boolean signal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            log.debug("kill -{} {} failed: {}", name, pid, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
