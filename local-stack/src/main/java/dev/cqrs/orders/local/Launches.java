package dev.cqrs.orders.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line, environment and working directory of each component's process. */
final class Launches {

    /** Serial GC and C1 only: a lean footprint and faster start-up on a 2-core machine. */
    private static final List<String> COMMON_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8");

    /**
     * The services' initial heap. The JVM's default is 1/64 of the machine's memory (384 MB on a 24 GiB machine, the
     * query service's whole ceiling), and serial GC sizes eden from it, so the resident size followed the machine
     * instead of the live set; from a small start the heap grows only as far as the load needs (docs/OPERATIONS.md,
     * "Heap ceilings").
     */
    static final String INITIAL_HEAP = "-Xms32m";

    /**
     * Each component gets a session of its own, so a Ctrl-C in the terminal reaches only the launcher, which then
     * stops the components in reverse order instead of all of them dying at once. setsid execs in place: the pid
     * stays the JVM's, so SIGTERM and SIGKILL still reach the component directly.
     */
    static final Path SETSID = Path.of("/usr/bin/setsid");

    /** Spring Boot's spring.security.oauth2.resourceserver.jwt.* as environment variables. */
    static final String JWT_PROPERTY_PREFIX = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_";
    static final String PUBLIC_KEY_LOCATION = JWT_PROPERTY_PREFIX + "PUBLIC_KEY_LOCATION";

    private Launches() {
    }

    static ProcessBuilder processFor(Component component, SystemConfig config) {
        return processFor(component, config, config.jar(component));
    }

    static ProcessBuilder processFor(Component component, SystemConfig config, Path jar) {
        return processFor(component, config, jar, List.of());
    }

    /**
     * {@code launchOptions} come after the defaults and before the component's own options (which can undo them, e.g.
     * {@code -Xshare:off} against the class-data archive of {@link ClassDataArchive}).
     */
    static ProcessBuilder processFor(Component component, SystemConfig config, Path jar, List<String> launchOptions) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(javaCommand(component, config, jar, launchOptions));
        if (component.infrastructure()) {
            command.add(component.id());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.processDir(component).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile(component).toFile()));
        return withEnvironment(builder, component, config);
    }

    /**
     * A service in the foreground of a terminal, with the options and environment {@link #processFor} gives it, its
     * output on the terminal and no session of its own, so that Ctrl-C and a closed terminal reach it as before.
     */
    static ProcessBuilder foreground(Component component, SystemConfig config, List<String> serviceArgs) {
        if (component.infrastructure()) {
            throw new IllegalArgumentException(component + " is a node, not a service");
        }
        List<String> command = new ArrayList<>(javaCommand(component, config, config.jar(component), List.of()));
        command.addAll(serviceArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(config.processDir(component).toFile()).inheritIO();
        return withEnvironment(builder, component, config);
    }

    private static List<String> javaCommand(Component component, SystemConfig config, Path jar, List<String> launchOptions) {
        List<String> command = new ArrayList<>();
        command.add(config.javaBinary(component).toString());
        command.add(heap(component));
        if (!component.infrastructure()) {
            command.add(INITIAL_HEAP);
        }
        command.addAll(COMMON_JVM_OPTIONS);
        command.addAll(launchOptions);
        command.addAll(config.options().jvmOptions(component));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private static ProcessBuilder withEnvironment(ProcessBuilder builder, Component component, SystemConfig config) {
        environment(component, config, builder.environment());
        builder.environment().putAll(config.options().env(component));
        return builder;
    }

    /**
     * Heap ceilings, sized from each service's live heap under load: a higher ceiling only made serial GC spread the
     * resident size over it. The measurements: docs/OPERATIONS.md, "Heap ceilings".
     */
    static String heap(Component component) {
        return switch (component) {
            case POSTGRES -> "-Xmx96m";
            case KAFKA -> "-Xmx512m";
            case MONGO -> "-Xmx256m";
            case COMMAND -> "-Xmx96m";
            case QUERY -> "-Xmx384m";
            case CONSOLE -> "-Xmx64m";
        };
    }

    static void environment(Component component, SystemConfig config, Map<String, String> env) {
        StackPorts ports = config.ports();
        if (!component.infrastructure()) {
            // Two malloc arenas instead of glibc's one per allocating thread, for the services' dozens of threads
            // (docs/OPERATIONS.md, "Heap ceilings"). A value from the caller's environment wins.
            env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        }
        switch (component) {
            case POSTGRES, KAFKA, MONGO -> {
                env.put("DATA_DIR", config.dataDir().toString());
                env.put("PG_PORT", Integer.toString(ports.postgres()));
                env.put("KAFKA_PORT", Integer.toString(ports.kafka()));
                env.put("KAFKA_CONTROLLER_PORT", Integer.toString(ports.kafkaController()));
                env.put("MONGO_PORT", Integer.toString(ports.mongo()));
            }
            case COMMAND -> {
                env.put("COMMAND_PORT", Integer.toString(ports.command()));
                env.put("SERVER_PORT", Integer.toString(ports.command()));
                env.put("DB_URL", config.jdbcUrl());
                env.put("DB_USER", PostgresNode.USER);
                env.put("DB_PASSWORD", "");
                env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
                env.putIfAbsent("RELAY_ENABLED", "true");
                env.put("ADMIN_USERS", config.adminUsers());
                apiAuth(config, env);
            }
            case QUERY -> {
                env.put("QUERY_PORT", Integer.toString(ports.query()));
                env.put("SERVER_PORT", Integer.toString(ports.query()));
                env.put("MONGODB_URI", config.mongoUri());
                env.putIfAbsent("MONGODB_DATABASE", "orders_read");
                env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
                env.put("ADMIN_USERS", config.adminUsers());
                apiAuth(config, env);
                // The fault switch of the end-to-end tests; off unless the builder asked for it.
                env.put("QUERY_FAULTS_ENABLED", Boolean.toString(config.queryFaultsEnabled()));
            }
            case CONSOLE -> {
                env.put("CONSOLE_PORT", Integer.toString(ports.console()));
                env.put("SERVER_PORT", Integer.toString(ports.console()));
                env.put("COMMAND_SERVICE_URL", config.commandUrl());
                env.put("QUERY_SERVICE_URL", config.queryUrl());
                env.put("ADMIN_USERS", config.adminUsers());
            }
        }
    }

    /**
     * The public APIs' bearer-token check against the data directory's key (ApiTokens), set explicitly either way: a
     * child inherits the launcher's environment, and an issuer or audience from there would refuse every local token.
     */
    private static void apiAuth(SystemConfig config, Map<String, String> env) {
        env.put("API_AUTH_ENABLED", Boolean.toString(config.apiAuthEnabled()));
        env.put(PUBLIC_KEY_LOCATION, "file:" + config.apiPublicKeyFile());
        env.put("JWT_AUDIENCES", ApiTokens.AUDIENCE);
        env.remove(JWT_PROPERTY_PREFIX + "JWK_SET_URI");
        env.remove(JWT_PROPERTY_PREFIX + "ISSUER_URI");
    }
}
