package dev.cqrs.orders.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.local.LocalSystemBuilder;
import dev.cqrs.orders.local.StackPorts;

/** The one system of the whole suite, started the way {@code ./run local} starts it, on free ports. */
final class RunningSystem implements AutoCloseable {

    private final LocalSystem system;
    private final RuntimeException startFailure;

    private RunningSystem(LocalSystem system, RuntimeException startFailure) {
        this.system = system;
        this.startFailure = startFailure;
    }

    static RunningSystem start() {
        LocalSystem system = builder("stack")
                // The suites may make a read model fail for an order (/admin/faults), as the console's test does.
                .queryFaultsEnabled(true)
                .build();
        system.deleteData();
        // Also when the test JVM is told to stop before JUnit closes its stores.
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "stop-e2e-system"));
        long started = System.nanoTime();
        try {
            system.startAll();
        } catch (RuntimeException e) {
            System.err.println("[e2e] the system did not start: " + e.getMessage());
            printLogTails(system);
            system.close();
            return new RunningSystem(system, e);
        }
        StringBuilder times = new StringBuilder();
        for (Component component : Component.values()) {
            system.startupTime(component).ifPresent(time -> times.append(String.format(Locale.ROOT, " %s=%.1fs",
                    component.id(), time.toMillis() / 1000.0)));
        }
        System.out.printf(Locale.ROOT, "[e2e] system ready in %.1f s:%s; logs in %s%n",
                (System.nanoTime() - started) / 1e9, times, system.logDir());
        return new RunningSystem(system, null);
    }

    /**
     * A system of its own beside the shared one, on free ports with data under {@code e2e.workDir/<name>}, for a test
     * that needs a fresh system: its data is deleted first, then it is started (with its log tails printed when that
     * fails); the caller closes it.
     */
    static LocalSystem fresh(String name) {
        return fresh(name, UnaryOperator.identity());
    }

    /** A fresh system as {@link #fresh(String)}, with settings of its own (e.g. a component's environment). */
    static LocalSystem fresh(String name, UnaryOperator<LocalSystemBuilder> settings) {
        LocalSystem system = settings.apply(builder(name)).build();
        system.deleteData();
        try {
            system.startAll();
        } catch (RuntimeException e) {
            printLogTails(system);
            system.close(); // the caller never gets it to close
            throw e;
        }
        return system;
    }

    private static LocalSystemBuilder builder(String name) {
        Path workDir = Path.of(property("e2e.workDir", "target/e2e"));
        return LocalSystem.builder()
                .ports(StackPorts.free())
                .dataDir(workDir.resolve(name))
                .stackJar(jar("e2e.stackJar", "../local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar"))
                .commandJar(jar("e2e.commandJar", "../order-command-service/target/order-command-service-0.1.0-SNAPSHOT-exec.jar"))
                .queryJar(jar("e2e.queryJar", "../order-query-service/target/order-query-service-0.1.0-SNAPSHOT-exec.jar"))
                .consoleJar(jar("e2e.consoleJar", "../ops-console/target/ops-console-0.1.0-SNAPSHOT-exec.jar"))
                .startTimeout(Duration.ofSeconds(180));
    }

    /** The running system; fails every test the same way when the start failed. */
    LocalSystem system() {
        if (startFailure != null) {
            throw new IllegalStateException("the local system did not start: " + startFailure.getMessage(), startFailure);
        }
        return system;
    }

    /** After a failed test; a failed start has printed them already. */
    void printLogTailsIfStarted() {
        if (startFailure == null) {
            printLogTails(system);
        }
    }

    static void printLogTails(LocalSystem system) {
        for (Component component : Component.values()) {
            System.err.println("----- last lines of " + system.logFile(component) + " -----");
            System.err.println(system.logTail(component, 40));
        }
    }

    @Override
    public void close() {
        system.close();
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
    }

    private static Path jar(String property, String fallback) {
        Path jar = Path.of(property(property, fallback));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no executable jar at " + jar.toAbsolutePath() + " (" + property + "): build it first");
        }
        return jar;
    }
}
