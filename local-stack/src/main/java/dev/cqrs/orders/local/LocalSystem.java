package dev.cqrs.orders.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on this machine, each component in its own OS process: used by {@code ./run local}
 * and by the end-to-end tests, so both start it the same way.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);

    private final SystemConfig config;
    private final Map<Component, ManagedProcess> processes = new ConcurrentHashMap<>();
    private final Map<Component, Duration> startupTimes = new ConcurrentHashMap<>();
    private final Startup startup;
    private volatile boolean closed;
    /** Taken at the first start, held until close: one launcher per data directory. */
    private DataDirLock lock;
    private boolean guarded;
    private ApiTokens apiTokens;

    LocalSystem(SystemConfig config) {
        this.config = config;
        this.startup = new Startup(config, () -> closed);
    }

    /** A builder with defaults from the environment (ports, DATA_DIR, STACK_JAR, COMMAND_JAR, QUERY_JAR, CONSOLE_JAR). */
    public static LocalSystemBuilder builder() {
        return new LocalSystemBuilder(Env.system());
    }

    /**
     * Starts every component that is not running, in dependency order, each ready before its dependants start; the
     * ops console last, when its jar was built (it is an operator tool: the system works without it).
     */
    public void startAll() {
        takeDataDir();
        requireFreePorts(List.of(Component.values()));
        startEach(Component.infra());
        startEach(List.of(Component.COMMAND, Component.QUERY));
        if (java.nio.file.Files.isRegularFile(config.consoleJar())) {
            startEach(List.of(Component.CONSOLE));
        } else if (!running(Component.CONSOLE)) {
            log.warn("not starting the ops console: no jar at {} (build it with ./run build, or set CONSOLE_JAR)",
                    config.consoleJar());
        }
    }

    /** Starts PostgreSQL, Kafka and MongoDB. */
    public void startInfra() {
        takeDataDir();
        requireFreePorts(Component.infra());
        startEach(Component.infra());
    }

    /** Before anything starts, so a taken port fails the start at once instead of after the first components. */
    private void requireFreePorts(List<Component> components) {
        components.stream().filter(component -> !running(component))
                .forEach(component -> Orphans.requireFreePorts(component, config));
    }

    /**
     * The first start takes the data directory's lock, waiting while the guardian of a killed launcher still stops
     * its components, and stops what an earlier launcher without a guardian left running.
     */
    private synchronized void takeDataDir() {
        if (lock != null) {
            return;
        }
        try {
            lock = DataDirLock.await(config.dataDir(), java.time.Duration.ofSeconds(60));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not lock " + config.dataDir(), e);
        }
        for (Component component : Component.values()) {
            Orphans.reap(component, config);
        }
    }

    /** Before the first component launches: from then on, a kill -9 of this JVM must not leave them running. */
    private synchronized void guard() {
        if (!guarded) {
            Guardian.launch(config);
            guarded = true;
        }
    }

    /** Launches the stopped ones of {@code components} together, then waits until each is ready. */
    private void startEach(List<Component> components) {
        startEach(components, Map.of());
    }

    private void startEach(List<Component> components, Map<String, String> extraEnvironment) {
        Map<Component, ClassDataArchive.Run> runs = new EnumMap<>(Component.class);
        Map<Component, Long> launched = new EnumMap<>(Component.class);
        takeDataDir();
        try {
            for (Component component : components) {
                if (!running(component)) {
                    requireDependencies(component);
                    if (component == Component.COMMAND || component == Component.QUERY) {
                        // Before prepare: a class-data training run starts the service too, and it reads the key file.
                        apiTokens();
                    }
                    runs.put(component, startup.prepare(component));
                }
            }
            if (!runs.isEmpty()) {
                guard();
            }
            // Each timed from its process's launch: a once-per-build class-data training run in prepare is not
            // start-up (Startup logs how long it took).
            runs.forEach((component, run) -> {
                ManagedProcess process = startup.launch(component, run, extraEnvironment);
                processes.put(component, process);
                launched.put(component, process.launchedAtNanos());
            });
            startupTimes.putAll(startup.awaitReady(launched, processes::get));
            SystemRecord.write(config, this::pid);
        } catch (RuntimeException e) {
            launched.keySet().forEach(this::stopQuietly);
            throw e;
        }
    }

    private void requireDependencies(Component component) {
        List<Component> missing = component.dependencies().stream().filter(dependency -> !running(dependency)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(component.id() + " needs " + missing.stream().map(Component::id).toList()
                    + " running; start them first (or use startAll)");
        }
    }

    /** Starts one component and waits until it is ready; a no-op when it already runs. */
    public void start(Component component) {
        startEach(List.of(component));
    }

    /**
     * Starts one component as {@link #start(Component)} does, with these environment variables on top of its usual
     * ones (e.g. {@code RELAY_ENABLED=false}); they hold for this launch only, a later start or restart drops them.
     */
    public void start(Component component, Map<String, String> extraEnvironment) {
        startEach(List.of(component), Map.copyOf(extraEnvironment));
    }

    /** SIGTERM, up to 30 s for a clean shutdown, then SIGKILL. */
    public void stop(Component component) {
        ManagedProcess process = processes.remove(component);
        if (process != null) {
            log.info("stopping {} (pid {})", component.id(), process.pid());
            process.stop();
        }
    }

    /** kill -9: the process ends at once, as in a crash. */
    public void kill(Component component) {
        ManagedProcess process = processes.remove(component);
        if (process != null) {
            log.info("killing {} (pid {}) with SIGKILL", component.id(), process.pid());
            process.kill();
        }
    }

    /** Stops (cleanly) and starts again, waiting until it is ready. */
    public void restart(Component component) {
        stop(component);
        start(component);
    }

    public boolean running(Component component) {
        ManagedProcess process = processes.get(component);
        return process != null && process.alive();
    }

    /** The OS process id, while it runs. */
    public Optional<Long> pid(Component component) {
        return Optional.ofNullable(processes.get(component)).map(ManagedProcess::pid);
    }

    /** How long its last start took, from launch to ready. */
    public Optional<Duration> startupTime(Component component) {
        return Optional.ofNullable(startupTimes.get(component));
    }

    /** Removes the data directory (all databases, topics, logs); nothing may run, orphans of earlier runs are stopped first. */
    public void deleteData() {
        if (!processes.isEmpty()) {
            throw new IllegalStateException("stop the system before deleting its data");
        }
        for (Component component : Component.values()) {
            Orphans.reap(component, config);
        }
        Orphans.deleteTree(config.dataDir());
        synchronized (this) {
            apiTokens = null;
        }
    }

    /** Stops everything in reverse start order; a kill -9'd PostgreSQL's orphan server is stopped too. */
    @Override
    public void close() {
        closed = true;
        List<Component> reverse = new ArrayList<>(List.of(Component.values()));
        Collections.reverse(reverse);
        reverse.forEach(this::stopQuietly);
        OrphanPostgres.stopIfRunning(config.workDir(Component.POSTGRES));
        releaseDataDir();
    }

    private synchronized void releaseDataDir() {
        if (lock == null) {
            return;
        }
        if (guarded) {
            Guardian.dismiss(config.dataDir());
            guarded = false;
        }
        try {
            lock.close();
        } catch (java.io.IOException e) {
            log.warn("could not release the lock of {}: {}", config.dataDir(), e.toString());
        }
        lock = null;
    }

    private void stopQuietly(Component component) {
        try {
            stop(component);
        } catch (RuntimeException e) {
            log.warn("could not stop {}: {}", component.id(), e.toString());
        }
    }

    public StackPorts ports() {
        return config.ports();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** The java binary a component runs on: the services' (SERVICES_JAVA_HOME) or the launcher's. */
    public Path javaBinary(Component component) {
        return config.javaBinary(component);
    }

    public Path logDir() {
        return config.logDir();
    }

    public Path logFile(Component component) {
        return config.logFile(component);
    }

    /** The last {@code lines} lines of a component's log. */
    public String logTail(Component component, int lines) {
        return LogTail.of(config.logFile(component), lines);
    }

    public String commandUrl() {
        return config.commandUrl();
    }

    public String queryUrl() {
        return config.queryUrl();
    }

    /** The ops console's page (HTTP Basic with the admin user). */
    public String consoleUrl() {
        return config.consoleUrl();
    }

    /** The first operator of the services' ADMIN_USERS: send it as HTTP Basic to /admin and /actuator. */
    public String adminUser() {
        return config.adminUser();
    }

    /** The first operator's password (plain; a {bcrypt} entry from ADMIN_USERS gives the hash, which clients cannot send). */
    public String adminPassword() {
        return config.adminPassword();
    }

    /** The value of {@code Authorization} for the first operator: {@code Basic base64(user:password)}. */
    public String adminAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (config.adminUser() + ":" + config.adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The issuer of the public APIs' bearer tokens: the data directory's key pair, made on first use (at the latest
     * when a service starts), the same after a restart; see {@link ApiTokens}.
     */
    public synchronized ApiTokens apiTokens() {
        if (apiTokens == null) {
            apiTokens = ApiTokens.forDataDir(config.dataDir());
        }
        return apiTokens;
    }

    /** Whether the services check bearer tokens (false only with API_AUTH_ENABLED=false or the builder's switch). */
    public boolean apiAuthEnabled() {
        return config.apiAuthEnabled();
    }

    /** The value of {@code Authorization} for staff, who may read and change every order: {@code Bearer <jwt>}. */
    public String staffAuthorization() {
        return "Bearer " + apiTokens().staff();
    }

    /** The value of {@code Authorization} for one customer, who may read and change only its own orders. */
    public String customerAuthorization(String customerId) {
        return "Bearer " + apiTokens().customer(customerId);
    }

    /**
     * Writes {@code user:password} to {@code <dataDir>/admin-auth} (mode 0600) for the CLI subcommands; null (and no
     * file) when the first operator has only a bcrypt hash.
     */
    public Path writeAdminAuthFile() {
        return new AdminCredentials(config.adminUsers()).writeFile(config.dataDir());
    }

    public String jdbcUrl() {
        return config.jdbcUrl();
    }

    public String kafkaBootstrapServers() {
        return config.kafkaBootstrap();
    }

    public String mongoUri() {
        return config.mongoUri();
    }
}
