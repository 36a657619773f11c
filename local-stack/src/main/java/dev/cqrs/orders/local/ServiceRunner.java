package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code command-service} and {@code query-service} subcommands: one service in the foreground, started with the
 * options and environment {@link Launches} gives it under {@code local}, against nodes that {@code infra} runs. Its
 * operator is ADMIN_USERS, else the one in DATA_DIR/admin-auth, else a new one written there, so that both services
 * and the admin subcommands share one credential.
 */
final class ServiceRunner {

    private ServiceRunner() {
    }

    /** Runs until the service exits and answers its exit code; {@code serviceArgs} go to the service. */
    static int run(Component component, List<String> serviceArgs, Env env, PrintStream out, PrintStream err)
            throws InterruptedException {
        Path dataDir = env.dataDir();
        LocalSystemBuilder builder = new LocalSystemBuilder(env);
        if (env.get("ADMIN_USERS", null) == null) {
            builder.adminUsers(operator(dataDir, out));
        }
        SystemConfig config = builder.config();
        Path jar = config.jar(component);
        if (!Files.isRegularFile(jar)) {
            err.println("no jar for " + component.id() + " at " + jar + ": build it with ./run build");
            return 1;
        }
        if (config.apiAuthEnabled() && !Files.isRegularFile(config.apiPublicKeyFile())) {
            err.println("no API key in " + dataDir.resolve("api-auth") + ": start ./run infra first (it makes one), or set"
                    + " API_AUTH_ENABLED=false");
            return 1;
        }
        Process process;
        try {
            Files.createDirectories(config.processDir(component));
            process = Launches.foreground(component, config, serviceArgs).start();
        } catch (IOException e) {
            err.println(component.id() + " did not start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "stop-" + component.id()));
        return process.waitFor();
    }

    /** The credential in DATA_DIR, or a new one written there and printed once. */
    private static String operator(Path dataDir, PrintStream out) {
        return AdminCredentials.readFile(dataDir).orElseGet(() -> {
            AdminCredentials generated = AdminCredentials.generated();
            Path file = generated.writeFile(dataDir);
            out.println("admin access: user " + generated.user() + ", password " + generated.password()
                    + " (HTTP Basic for /admin and /actuator; also in " + file + ")");
            return generated.users();
        });
    }

    /** The JVM is told to stop (Ctrl-C, SIGTERM): the service gets SIGTERM and its grace period, as under local. */
    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(ManagedProcess.STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
