package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Clears what an earlier, killed launcher may have left behind before a component starts again. */
final class Orphans {

    private static final Logger log = LoggerFactory.getLogger(Orphans.class);

    private Orphans() {
    }

    /** Stops a process named by the component's pid file if it still runs our jar, and an orphan PostgreSQL server. */
    static void reap(Component component, SystemConfig config) {
        Path pidFile = config.pidFile(component);
        OptionalLong pid = Pids.read(pidFile);
        if (pid.isPresent() && Pids.alive(pid.getAsLong())) {
            String commandLine = Pids.commandLine(pid.getAsLong());
            String jarName = config.jar(component).getFileName().toString();
            if (commandLine.contains(jarName)) {
                log.warn("{} (pid {}) from an earlier run still runs; stopping it", component.id(), pid.getAsLong());
                Pids.terminate(pid.getAsLong(), ManagedProcess.STOP_GRACE);
            }
        }
        deleteQuietly(pidFile);
        if (component == Component.POSTGRES) {
            OrphanPostgres.stopIfRunning(config.workDir(component));
        }
    }

    /** Fails with a clear message when something else already listens on a port the component needs. */
    static void requireFreePorts(Component component, SystemConfig config) {
        requireFree(component, config.ports().of(component), StackPorts.variable(component));
        if (component == Component.KAFKA) {
            requireFree(component, config.ports().kafkaController(), "KAFKA_CONTROLLER_PORT");
        }
    }

    private static void requireFree(Component component, int port, String variable) {
        if (Ports.listening(port)) {
            throw new IllegalStateException("port " + port + " (" + variable + ") for " + component.id()
                    + " is already in use" + Ports.holder(port).map(holder -> " by " + holder).orElse("")
                    + ": stop that, or move " + component.id() + " to another port with " + variable + "=<port>"
                    + " (./run help lists every port variable)");
        }
    }

    /**
     * Clears the place of a folder that is about to be renamed there: an empty folder goes, one with files is moved
     * aside (never deleted: it may hold something a person wants) with a warning that names it.
     */
    static void makeRoom(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(target)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            Files.delete(target);
            return;
        }
        Path aside = target.resolveSibling(target.getFileName() + ".incomplete-" + System.currentTimeMillis());
        log.warn("{} was left incomplete by an interrupted first start; moved it to {} and making it anew", target, aside);
        Files.move(target, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("could not delete {}", file, e);
        }
    }
}
