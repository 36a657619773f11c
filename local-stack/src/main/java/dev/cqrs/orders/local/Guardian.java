package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a launcher's components when the launcher is gone without stopping them: a kill -9, a crash, an OOM kill. The
 * components run in sessions of their own (a Ctrl-C must reach only the launcher), so nothing else would end them.
 * A small JVM of its own per launcher; services go first, then the nodes they use, each group SIGTERM then SIGKILL.
 */
final class Guardian {

    private static final Logger log = LoggerFactory.getLogger(Guardian.class);
    static final String PID_FILE = "guardian.pid";
    /** Per group of components; both groups together stay well inside a minute. */
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final List<List<Component>> STOP_ORDER = List.of(
            List.of(Component.CONSOLE, Component.QUERY, Component.COMMAND),
            List.of(Component.MONGO, Component.KAFKA, Component.POSTGRES));

    private Guardian() {
    }

    /** Starts the guardian of this JVM's components; a failure only costs the clean-up after a kill -9. */
    static void launch(SystemConfig config) {
        try {
            Path jar = JarSnapshot.of(config.stackJar(), config.dataDir().resolve("jars"));
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Launches.SETSID)) {
                command.add(Launches.SETSID.toString());
            }
            command.addAll(List.of(config.javaBinary().toString(), "-Xmx32m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar.toString(), "guard",
                    "--parent-pid", Long.toString(ProcessHandle.current().pid())));
            Files.createDirectories(config.logDir());
            Path logFile = config.logDir().resolve("guardian.log");
            Files.writeString(logFile, "==== " + Instant.now() + " starting the guardian: " + String.join(" ", command)
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).directory(config.dataDir().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("DATA_DIR", config.dataDir().toString());
            Process process = builder.start();
            Pids.write(config.dataDir().resolve("pids").resolve(PID_FILE), process.pid());
        } catch (IOException | RuntimeException e) {
            log.warn("no guardian: if this launcher is killed, stop its components by hand ({})", e.toString());
        }
    }

    /** Ends the guardian of a launcher that stopped its components itself. */
    static void dismiss(Path dataDir) {
        Path pidFile = dataDir.resolve("pids").resolve(PID_FILE);
        Pids.readLive(pidFile).ifPresent(pid -> Pids.terminate(pid, Duration.ofSeconds(5)));
        Orphans.deleteQuietly(pidFile);
    }

    /** The {@code guard} subcommand: waits for the launcher to end, then stops whatever of it still runs. */
    static int run(Path dataDir, long launcherPid) {
        log.info("guarding the components of launcher {} (data in {})", launcherPid, dataDir);
        ProcessHandle.of(launcherPid).ifPresent(launcher -> launcher.onExit().join());
        try (DataDirLock lock = DataDirLock.await(dataDir, Duration.ofSeconds(30))) {
            log.warn("launcher {} is gone without stopping its components; stopping them", launcherPid);
            stopAll(dataDir);
        } catch (IOException | RuntimeException e) {
            log.error("could not stop the components of launcher {}: {}", launcherPid, e.toString(), e);
            return 1;
        }
        return 0;
    }

    /** Services first, then nodes: SIGTERM, up to {@link #GRACE}, then SIGKILL; an orphan postmaster last. */
    static void stopAll(Path dataDir) {
        for (List<Component> group : STOP_ORDER) {
            Map<Component, Long> running = new java.util.EnumMap<>(Component.class);
            for (Component component : group) {
                OptionalLong pid = Pids.readLive(SystemConfig.pidFile(dataDir, component));
                pid.ifPresent(value -> running.put(component, value));
            }
            running.forEach((component, pid) -> {
                log.info("stopping {} (pid {})", component.id(), pid);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            });
            running.forEach((component, pid) -> {
                if (!Pids.awaitExit(pid, GRACE)) {
                    log.warn("{} (pid {}) did not stop within {} s of SIGTERM; killing it", component.id(), pid, GRACE.toSeconds());
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    Pids.awaitExit(pid, Duration.ofSeconds(5));
                }
                Orphans.deleteQuietly(SystemConfig.pidFile(dataDir, component));
            });
        }
        OrphanPostgres.stopIfRunning(dataDir.resolve(Component.POSTGRES.id()));
        log.info("every component is stopped");
    }
}
