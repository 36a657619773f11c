package dev.cqrs.orders.qa.faults;

import java.nio.file.Path;
import java.util.OptionalLong;

import dev.cqrs.orders.local.Pids;

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

    /** Whether it runs (a zombie counts as gone). */
    public static boolean alive(long pid) {
        return Pids.alive(pid);
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid} in PostgreSQL's data directory, while it runs. */
    public static OptionalLong postmaster(Path postgresDataDir) {
        return Pids.read(postgresDataDir.resolve("postmaster.pid"));
    }
}
