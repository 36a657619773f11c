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
        command.add(config.javaBinary().toString());
        command.add(heap(component));
        command.addAll(COMMON_JVM_OPTIONS);
        command.addAll(launchOptions);
        command.addAll(config.options().jvmOptions(component));
        command.add("-jar");
        command.add(jar.toString());
        if (component.infrastructure()) {
            command.add(component.id());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.processDir(component).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile(component).toFile()));
        environment(component, config, builder.environment());
        builder.environment().putAll(config.options().env(component));
        return builder;
    }

    /**
     * Heap ceilings. The services' are sized from their live heap after a full GC under P1 load (8 clients posting
     * orders, then the read side catching up): about 30 MB for the command service, 45 MB for the query service (its
     * Kafka fetches and Mongo batches in flight), 18 MB for the console. Twice that and a young generation fit in
     * 96 / 64 MB for the command service and the console (the query service: see below). The heap was never the footprint's problem, the ceiling was: on a machine with much RAM the JVM's
     * initial heap (1/64 of RAM) and a 384 MB ceiling let serial GC spread eden over 100+ MB that every cycle touches,
     * so the resident size followed the ceiling (VmHWM after 40-45 s of 8 clients posting orders and the catch-up:
     * 306 / 327 MiB with -Xmx384m, 219 / 250 MiB with -Xmx96m; a read-model rebuild right after took the query
     * service to 257 MiB).
     * The rest of the ~160 MB is class metadata, C1 code, symbols and thread stacks, which no flag shrinks without
     * loading fewer classes. A component that needs more gets it from {@code <COMPONENT>_JVM_OPTIONS=-Xmx...}
     * (the last -Xmx wins).
     * The query service needs more than that once its read models have a backlog to work off (nine consumers with
     * up to 500 records each in flight, the requests waiting for read-your-writes): with 96 MB the full benchmark's
     * P2 at 250-500 orders/s drove it into 1,397 full collections (168 s of pauses, 59 of 64 MB old generation still
     * live after each) and it never caught up. 192 MB gave that live set room; 256 MB also holds what read-your-writes
     * readers park under an overload: at 300 orders/s, 192 MB went through 20 full collections in 20 s and answered
     * up to 0.56 s past the 5 s deadline, 256 MB through one, 0.22 s past (docs/read-your-writes.md). It costs the P6
     * footprint goal.
     */
    static String heap(Component component) {
        return switch (component) {
            case POSTGRES -> "-Xmx96m";
            case KAFKA -> "-Xmx512m";
            case MONGO -> "-Xmx256m";
            case COMMAND -> "-Xmx96m";
            case QUERY -> "-Xmx256m";
            case CONSOLE -> "-Xmx64m";
        };
    }

    static void environment(Component component, SystemConfig config, Map<String, String> env) {
        StackPorts ports = config.ports();
        if (!component.infrastructure()) {
            // glibc gives each thread that allocates its own 64 MB malloc arena (up to 8 per core); the services'
            // dozens of threads (Tomcat, Kafka clients, Debezium) scatter the JVM's native allocations over them.
            // Two arenas are enough for the JVM's little malloc traffic (part of every measured configuration above;
            // its share alone was not measured). A value from the caller's environment wins.
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
