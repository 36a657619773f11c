package dev.cqrs.orders.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@code local} and {@code infra} subcommands: start the processes, print where they are, stop them on Ctrl-C. */
final class SystemRunner {

    private static final Duration WATCH_EVERY = Duration.ofMillis(500);

    private SystemRunner() {
    }

    /** Returns only on a failed start; otherwise runs until the JVM is told to stop. */
    static int run(boolean withServices, PrintStream out, PrintStream err) {
        LocalSystem system = LocalSystem.builder().build();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            out.println("stopping the local system ...");
            system.close();
            out.println("stopped");
        }, "stop-local-system"));
        long started = System.nanoTime();
        try {
            if (withServices) {
                system.startAll();
            } else {
                system.startInfra();
            }
        } catch (RuntimeException e) {
            err.println("start failed: " + e.getMessage());
            return 1;
        }
        List<Component> components = withServices
                ? java.util.Arrays.stream(Component.values()).filter(system::running).toList() : Component.infra();
        Path adminAuth = withServices ? system.writeAdminAuthFile() : null;
        // Also for infra: ./run command-service / query-service and ./run token use the key in the data directory.
        system.apiTokens();
        printSummary(system, components, adminAuth, Duration.ofNanos(System.nanoTime() - started), out);
        watch(system, components, stopping, err);
        return 0;
    }

    private static void printSummary(LocalSystem system, List<Component> components, Path adminAuth, Duration took,
                                     PrintStream out) {
        StringBuilder times = new StringBuilder();
        for (Component component : components) {
            system.startupTime(component).ifPresent(time -> times.append(times.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f s", component.id(), time.toMillis() / 1000.0)));
        }
        out.printf(Locale.ROOT, "%nlocal system is up in %.1f s (%s)%n", took.toMillis() / 1000.0, times);
        if (components.contains(Component.COMMAND)) {
            out.println("  command service  " + system.commandUrl() + "   (POST /orders, /orders/{id}/confirm|ship|cancel)");
            out.println("  query service    " + system.queryUrl() + "   (GET /orders/{id}, /orders?customerId=)");
            printApiAccess(system, out);
            if (components.contains(Component.CONSOLE)) {
                out.println("  ops console      " + system.consoleUrl() + "   (relay, read models, dead letters, rebuilds;"
                        + " sign in as the admin user)");
            }
            out.println(adminAuth != null
                    ? "  admin access     user " + system.adminUser() + ", password " + system.adminPassword()
                            + "   (HTTP Basic for /admin and /actuator; also in " + adminAuth + ")"
                    : "  admin access     user " + system.adminUser() + " from ADMIN_USERS (bcrypt: set ADMIN_AUTH=user:password"
                            + " for ./run dead-letters and rebuild)");
        }
        if (!components.contains(Component.COMMAND)) {
            out.println("  API key          " + system.apiTokens().publicKeyFile() + "   (./run command-service and"
                    + " query-service check tokens with it; ./run token signs them)");
        }
        out.println("  PostgreSQL       " + system.jdbcUrl() + "   (user postgres, no password)");
        out.println("  Kafka            " + system.kafkaBootstrapServers());
        out.println("  MongoDB          " + system.mongoUri());
        out.println("  data             " + system.dataDir());
        out.println("  logs             " + system.logDir());
        if (components.contains(Component.COMMAND)) {
            out.println("  JVMs             services " + system.javaBinary(Component.COMMAND) + ", nodes "
                    + system.javaBinary(Component.POSTGRES) + "   (SERVICES_JAVA_HOME chooses the services')");
        }
        out.println("  found by others  " + system.dataDir().resolve(SystemRecord.FILE) + "   (pids, ports, URLs)");
        out.println("a component that exits is started again; press Ctrl-C to stop everything");
    }

    /** How to get a bearer token; with the check switched off, a banner that cannot be missed. */
    static void printApiAccess(LocalSystem system, PrintStream out) {
        if (system.apiAuthEnabled()) {
            out.println("  API access       bearer tokens: TOKEN=$(./run token customer <id>) or TOKEN=$(./run token staff),"
                    + " then curl -H \"Authorization: Bearer $TOKEN\"   (key: " + system.apiTokens().publicKeyFile() + ")");
            return;
        }
        String line = "!".repeat(100);
        out.println("  " + line);
        out.println("  !! API_AUTH_ENABLED=false: THE ORDER APIS ARE OPEN. Anyone who reaches ports " + system.ports().command()
                + " and " + system.ports().query() + " can");
        out.println("  !! read and change every customer's orders. Trusted networks only; unset API_AUTH_ENABLED to"
                + " require tokens.");
        out.println("  " + line);
    }

    /** Starts again whatever exits on its own until the launcher is told to stop. */
    private static void watch(LocalSystem system, List<Component> components, AtomicBoolean stopping, PrintStream err) {
        Supervisor supervisor = new Supervisor(new Supervisor.Target() {
            @Override
            public boolean running(Component component) {
                return system.running(component);
            }

            @Override
            public void start(Component component) {
                system.start(component);
            }
        }, components, System::nanoTime, err);
        while (!stopping.get()) {
            Poll.pause(WATCH_EVERY);
            supervisor.check(stopping::get);
        }
    }
}
