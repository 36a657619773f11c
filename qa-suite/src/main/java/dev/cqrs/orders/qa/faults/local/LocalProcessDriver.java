package dev.cqrs.orders.qa.faults.local;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;

import dev.cqrs.orders.qa.faults.FaultDriver;
import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.faults.Part;
import dev.cqrs.orders.qa.faults.Processes;
import dev.cqrs.orders.qa.system.SystemProperties;

/**
 * Faults in a {@code ./run local} of another process tree, found through its data directory: kill -9 or SIGTERM of
 * the pids it records in {@code system.properties} (for PostgreSQL, the postmaster named by
 * {@code postgres/postmaster.pid}). The launcher supervises its components and starts whatever exits again, so this
 * driver never starts a process: it waits until the launcher has recorded a new pid and the part answers again.
 */
public final class LocalProcessDriver implements FaultDriver {

    private final Path dataDir;
    private final Predicate<Part> ready;
    private final Duration timeout;
    private final Duration pollInterval;
    private final Map<Part, Long> replaced = new EnumMap<>(Part.class);

    /** {@code ready}: whether a part answers clients right now ({@link PartProbe} in real use). */
    public LocalProcessDriver(Path dataDir, Predicate<Part> ready, Duration timeout, Duration pollInterval) {
        this.dataDir = dataDir;
        this.ready = ready;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    @Override
    public String name() {
        return "local (./run local with DATA_DIR=" + dataDir + ")";
    }

    @Override
    public Set<FaultKind> kinds() {
        return EnumSet.allOf(FaultKind.class);
    }

    @Override
    public synchronized String kill(Part part) {
        long pid = pid(part);
        replaced.put(part, pid);
        if (part == Part.POSTGRES) {
            OptionalLong postmaster = Processes.postmaster(dataDir.resolve("postgres"));
            if (postmaster.isEmpty()) {
                throw new IllegalStateException("no postmaster running: " + dataDir.resolve("postgres/postmaster.pid") + " is missing");
            }
            Processes.kill(postmaster.getAsLong());
            return "kill -9 of the postmaster (pid " + postmaster.getAsLong() + ")";
        }
        Processes.kill(pid);
        return "kill -9 of the " + part.label() + " (pid " + pid + ")";
    }

    @Override
    public synchronized String stop(Part part) {
        long pid = pid(part);
        replaced.put(part, pid);
        Processes.terminate(pid);
        try {
            await("pid " + pid + " ends").atMost(Duration.ofSeconds(60)).pollInterval(pollInterval).until(() -> !Processes.alive(pid));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the " + part.label() + " (pid " + pid + ") did not stop within 60 s of SIGTERM");
        }
        return "stopped the " + part.label() + " (pid " + pid + ", SIGTERM)";
    }

    @Override
    public String recover(Part part) {
        Long old;
        synchronized (this) {
            old = replaced.remove(part);
        }
        long[] now = new long[1];
        try {
            await("the launcher starts the " + part.label() + " again").atMost(timeout).pollInterval(pollInterval)
                    .ignoreExceptions()
                    .until(() -> {
                        now[0] = pid(part);
                        return (old == null || now[0] != old) && Processes.alive(now[0]) && ready.test(part);
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the " + part.label() + " was not running and ready again within " + timeout.toSeconds()
                    + " s (is ./run local still running? its log: " + dataDir.resolve("logs") + ")");
        }
        return "started again by the launcher, ready (pid " + now[0] + ")";
    }

    @Override
    public boolean holdsStoppedParts() {
        return false;
    }

    @Override
    public String ensureAllRunning() {
        List<Part> waitedFor = new ArrayList<>();
        for (Part part : Part.values()) {
            boolean up;
            try {
                up = Processes.alive(pid(part)) && ready.test(part);
            } catch (RuntimeException e) {
                up = false;
            }
            if (!up) {
                waitedFor.add(part);
                recover(part);
            }
        }
        return waitedFor.isEmpty() ? null : "waited for the launcher to bring back " + waitedFor;
    }

    /** The part's pid as the launcher records it now (for PostgreSQL, its node process). */
    private long pid(Part part) {
        String id = part.component().id();
        return SystemProperties.read(dataDir).pid(id)
                .orElseThrow(() -> new IllegalStateException(dataDir.resolve(SystemProperties.FILE) + " has no " + id + ".pid"));
    }
}
