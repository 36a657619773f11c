package dev.cqrs.orders.qa.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Signals to processes of this machine by pid, for the drivers of local systems. */
public final class Processes {

    private Processes() {
    }

    /** kill -9. */
    public static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** SIGTERM. */
    public static void terminate(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid} in PostgreSQL's data directory, while it runs. */
    public static OptionalLong postmaster(Path postgresDataDir) {
        Path file = postgresDataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            String first = Files.readAllLines(file, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
            return first.matches("\\d{1,10}") ? OptionalLong.of(Long.parseLong(first)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
