package dev.cqrs.orders.qa.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.cqrs.orders.qa.audit.JdbcAccess;
import dev.cqrs.orders.qa.http.BearerToken;
import dev.cqrs.orders.qa.system.RunningLocalSystem;
import dev.cqrs.orders.qa.system.Target;

/** Which system the command line names, and whether the combination of options makes sense. */
final class Targets {

    private Targets() {
    }

    static boolean ownSystem(Options options) {
        return !options.has("--data-dir") && !options.has("--command-url") && !options.has("--query-url");
    }

    /** Refuses combinations that cannot work, before anything starts. */
    static void validate(Options options) {
        boolean urls = options.has("--command-url") || options.has("--query-url");
        if (options.has("--data-dir") && urls) {
            throw new Options.UsageException("give either --data-dir or --command-url/--query-url, not both");
        }
        if (urls && !(options.has("--command-url") && options.has("--query-url"))) {
            throw new Options.UsageException("a running deployment needs both --command-url and --query-url");
        }
        if (options.has("--own-system") && !ownSystem(options)) {
            throw new Options.UsageException("--own-system starts a system of its own: drop --data-dir and the URLs");
        }
        if (urls && !options.has("--kafka-bootstrap") && !options.has("--admin-auth") && !options.has("--admin-auth-file")
                && System.getenv("QA_ADMIN_AUTH") == null) {
            throw new Options.UsageException("the lag check needs the admin credential (--admin-auth, --admin-auth-file or "
                    + "QA_ADMIN_AUTH) or Kafka (--kafka-bootstrap)");
        }
        if (options.has("--admin-auth")) {
            requireUserAndPassword(options.value("--admin-auth"), "--admin-auth");
        }
        if (options.has("--jdbc-user") && !options.has("--jdbc-url")) {
            throw new Options.UsageException("--jdbc-user goes with --jdbc-url");
        }
        String driver = options.value("--fault-driver", "none");
        if (!List.of("none", "local", "kubernetes").contains(driver)) {
            throw new Options.UsageException("--fault-driver is none, local or kubernetes, not '" + driver + "'");
        }
        if (options.has("--reconcile")) {
            if (ownSystem(options)) {
                throw new Options.UsageException("--reconcile checks a running system: give --data-dir or the URLs");
            }
            if (!driver.equals("none")) {
                throw new Options.UsageException("--reconcile injects no faults: drop --fault-driver");
            }
        }
        if (driver.equals("local") && urls) {
            throw new Options.UsageException("the local driver acts on processes of this machine: give --data-dir (a ./run local)"
                    + " or no target (a system of its own), not URLs");
        }
        if (driver.equals("kubernetes") && !options.has("--namespace")) {
            throw new Options.UsageException("the kubernetes driver needs --namespace");
        }
        if (driver.equals("kubernetes") && !urls) {
            throw new Options.UsageException("the kubernetes driver acts on a namespace: give its services' --command-url and"
                    + " --query-url");
        }
        if (!driver.equals("none") && !ownSystem(options) && !options.has("--allow-faults-on-target")) {
            throw new Options.UsageException("--fault-driver " + driver + " would stop and kill processes of a system the suite did"
                    + " not start; add --allow-faults-on-target if that is what you mean");
        }
    }

    /** A system that runs already: a ./run local through its data directory, or any deployment by its URLs. */
    static Target running(Options options) {
        if (options.has("--data-dir")) {
            return RunningLocalSystem.target(Path.of(options.value("--data-dir")).toAbsolutePath().normalize());
        }
        JdbcAccess jdbc = options.has("--jdbc-url") ? new JdbcAccess(options.value("--jdbc-url"),
                options.value("--jdbc-user", "postgres"), jdbcPassword(options)) : null;
        String commandUrl = options.value("--command-url");
        return new Target("the deployment at " + commandUrl + " and " + options.value("--query-url"), commandUrl,
                options.value("--query-url"), adminAuth(options), options.value("--kafka-bootstrap"), jdbc, false,
                apiToken(options));
    }

    /**
     * A staff bearer token for the public APIs: --api-token-file (its first line, read again when the file changes) or
     * QA_API_TOKEN; none for an open API.
     */
    static BearerToken apiToken(Options options) {
        return options.has("--api-token-file") ? BearerToken.file(Path.of(options.value("--api-token-file")))
                : BearerToken.fixed(System.getenv("QA_API_TOKEN"));
    }

    static String adminAuth(Options options) {
        if (options.has("--admin-auth")) {
            return requireUserAndPassword(options.value("--admin-auth"), "--admin-auth");
        }
        if (options.has("--admin-auth-file")) {
            return requireUserAndPassword(firstLine(options.value("--admin-auth-file")), options.value("--admin-auth-file"));
        }
        String env = System.getenv("QA_ADMIN_AUTH");
        return env == null || env.isBlank() ? null : requireUserAndPassword(env.trim(), "QA_ADMIN_AUTH");
    }

    private static String jdbcPassword(Options options) {
        if (options.has("--jdbc-password-file")) {
            return firstLine(options.value("--jdbc-password-file"));
        }
        String env = System.getenv("QA_JDBC_PASSWORD");
        return env == null ? "" : env;
    }

    private static String requireUserAndPassword(String value, String where) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new Options.UsageException(where + " must be user:password");
        }
        return value;
    }

    private static String firstLine(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
