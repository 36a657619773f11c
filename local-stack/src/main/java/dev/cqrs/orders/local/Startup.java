package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Launches a component's process after clearing leftovers, and waits until launched components are ready. */
final class Startup {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private final SystemConfig config;
    private final BooleanSupplier closed;
    private final ClassDataArchive classData;

    Startup(SystemConfig config, BooleanSupplier closed) {
        this.config = config;
        this.closed = closed;
        Env env = Env.system();
        this.classData = new ClassDataArchive(ClassDataArchive.defaultCacheRoot(env), config.servicesJavaBinary(), env);
    }

    /**
     * Clears leftovers and decides what to run: a copy of the jar, for a service extracted with its class-data archive
     * (made first, once per build, by a training run). Done for a batch before any of it launches, so a training run
     * never competes with a start that is being timed.
     */
    ClassDataArchive.Run prepare(Component component) {
        requireOpen(component);
        Path jar = config.jar(component);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar for " + component.id() + " at " + jar + " (build it: ./run build)");
        }
        Orphans.reap(component, config);
        Orphans.requireFreePorts(component, config);
        try {
            Files.createDirectories(config.processDir(component));
            Files.createDirectories(config.logDir());
            Path snapshot = JarSnapshot.of(jar, config.dataDir().resolve("jars"));
            // The services start a third faster from a class-data archive; the nodes are few classes, started once.
            return component.infrastructure() ? new ClassDataArchive.Run(snapshot, List.of())
                    : classData.prepare(component, snapshot, config.options().jvmOptions(component),
                            (extracted, options) -> Launches.processFor(component, config, extracted, options));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + component.id(), e);
        }
    }

    /** Starts what {@link #prepare} chose, with {@code extraEnvironment} on top of the component's own. */
    ManagedProcess launch(Component component, ClassDataArchive.Run run, Map<String, String> extraEnvironment) {
        requireOpen(component);
        try {
            ProcessBuilder builder = Launches.processFor(component, config, run.jar(), run.jvmOptions());
            builder.environment().putAll(extraEnvironment);
            Files.writeString(config.logFile(component), "==== " + Instant.now() + " starting " + component.id()
                    + ": " + String.join(" ", builder.command()) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ManagedProcess process = ManagedProcess.launch(component, builder, config.pidFile(component));
            log.info("started {} (pid {}), log: {}", component.id(), process.pid(), config.logFile(component));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + component.id(), e);
        }
    }

    /**
     * Probes every launched component in turn until all are ready, so each one's start-up time is its own;
     * fails at once when one exits, and names the log to read.
     */
    Map<Component, Duration> awaitReady(Map<Component, Long> launchedAtNanos, Function<Component, ManagedProcess> processes) {
        Map<Component, Long> pending = new EnumMap<>(launchedAtNanos);
        Map<Component, Duration> took = new EnumMap<>(Component.class);
        try {
            Poll.until(config.startTimeout(), Duration.ofMillis(100), () -> {
                for (Component component : List.copyOf(pending.keySet())) {
                    if (probe(component, processes.apply(component))) {
                        took.put(component, Duration.ofNanos(System.nanoTime() - pending.remove(component)));
                        log.info("{} is ready ({} ms)", component.id(), took.get(component).toMillis());
                    }
                }
                return pending.isEmpty();
            }, () -> pending.keySet().stream().map(component -> component.id() + " was not ready within "
                    + config.startTimeout().toSeconds() + " s; " + readLog(component)).collect(Collectors.joining("\n")));
        } catch (TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return took;
    }

    private boolean probe(Component component, ManagedProcess process) {
        requireOpen(component);
        if (process == null || !process.alive()) {
            throw new IllegalStateException(component.id() + " exited"
                    + (process == null ? "" : " with code " + process.exitValue()) + " before it was ready; " + readLog(component));
        }
        return Readiness.ready(component, config);
    }

    private String readLog(Component component) {
        Path logFile = config.logFile(component);
        return "read " + logFile + ", which ends with:\n" + LogTail.of(logFile, 30);
    }

    private void requireOpen(Component component) {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("the local system was closed while " + component.id() + " started");
        }
    }
}
