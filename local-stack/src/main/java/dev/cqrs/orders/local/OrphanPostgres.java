package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a PostgreSQL server left running on a data directory after its wrapper process was killed
 * (kill -9 leaves the postmaster behind) and stops it, so that the next start can take the directory.
 */
final class OrphanPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanPostgres.class);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private OrphanPostgres() {
    }

    /** Stops a live postmaster named by {@code dataDir/postmaster.pid}; returns whether there was one. */
    static boolean stopIfRunning(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        OptionalLong pid = Pids.read(pidFile);
        if (pid.isEmpty()) {
            return false;
        }
        long postmaster = pid.getAsLong();
        if (!Pids.alive(postmaster)) {
            log.info("{} names pid {}, which is gone: PostgreSQL will recover from the crash on start", pidFile, postmaster);
            return false;
        }
        String command = Pids.command(postmaster).orElse("");
        boolean postgres = Path.of(command.isEmpty() ? "unknown" : command).getFileName().toString().equals("postgres");
        // The pid may have been reused, even by another PostgreSQL: only a server on this very directory is ours.
        if (!postgres || !(" " + Pids.commandLine(postmaster) + " ").contains(" " + dataDir.toAbsolutePath().normalize() + " ")) {
            log.warn("{} names pid {}, which is not a PostgreSQL on this directory ({}): removing the stale pid file",
                    pidFile, postmaster, command);
            deleteQuietly(pidFile);
            return false;
        }
        log.warn("an orphan PostgreSQL (pid {}) from an earlier run still holds {}; stopping it", postmaster, dataDir);
        Path pgCtl = Path.of(command).resolveSibling("pg_ctl");
        if (Files.isExecutable(pgCtl) && pgCtlStop(pgCtl, dataDir)) {
            log.info("stopped the orphan PostgreSQL (pid {}) with {} stop -m fast", postmaster, pgCtl);
        } else if (Pids.signal("INT", postmaster) && Pids.awaitExit(postmaster, GRACE)) {
            log.info("stopped the orphan PostgreSQL (pid {}) with SIGINT (fast shutdown)", postmaster);
        } else if (Pids.terminate(postmaster, Duration.ofSeconds(10))) {
            log.info("stopped the orphan PostgreSQL (pid {}) with SIGTERM/SIGKILL", postmaster);
        } else {
            throw new IllegalStateException("could not stop the orphan PostgreSQL (pid " + postmaster + ") on " + dataDir);
        }
        Pids.awaitExit(postmaster, GRACE);
        return true;
    }

    /** pg_ctl refuses to run as root (as on some CI machines); the caller then falls back to a signal. */
    private static boolean pgCtlStop(Path pgCtl, Path dataDir) {
        return run(List.of(pgCtl.toString(), "-D", dataDir.toString(), "stop", "-m", "fast", "-w", "-t", "30"));
    }

    private static boolean run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(40, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            log.debug("{} failed: {}", command, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.getMessage());
        }
    }
}
