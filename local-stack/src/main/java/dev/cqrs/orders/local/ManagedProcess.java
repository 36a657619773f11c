package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running component process, with its pid file kept next to the data. */
final class ManagedProcess {

    private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Component component;
    private final Process process;
    private final Path pidFile;
    private final long launchedAtNanos;

    private ManagedProcess(Component component, Process process, Path pidFile, long launchedAtNanos) {
        this.component = component;
        this.process = process;
        this.pidFile = pidFile;
        this.launchedAtNanos = launchedAtNanos;
    }

    static ManagedProcess launch(Component component, ProcessBuilder builder, Path pidFile) throws IOException {
        long launchedAtNanos = System.nanoTime();
        Process process = builder.start();
        Pids.write(pidFile, process.pid());
        return new ManagedProcess(component, process, pidFile, launchedAtNanos);
    }

    /** System.nanoTime() when its process was started: where its start-up time begins. */
    long launchedAtNanos() {
        return launchedAtNanos;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended. */
    int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM, then up to {@link #STOP_GRACE} for a clean shutdown, then SIGKILL. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(STOP_GRACE)) {
                log.warn("{} (pid {}) did not stop within {} s of SIGTERM; killing it", component.id(), pid(), STOP_GRACE.toSeconds());
                process.destroyForcibly();
                awaitExit(Duration.ofSeconds(10));
            }
        }
        forgetPid();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
        forgetPid();
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void forgetPid() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.debug("could not delete {}", pidFile, e);
        }
    }
}
