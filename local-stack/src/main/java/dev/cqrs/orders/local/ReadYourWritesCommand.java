package dev.cqrs.orders.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code read-your-writes} subcommand: {@link ReadYourWritesLoad} against a running system (COMMAND_URL /
 * QUERY_URL, or the ports), the read side's lag while it runs and until it caught up (when an admin credential is at
 * hand), then a verdict: every GET answered with the order within the p99 bound, and the lag back to 0 within
 * {@code --catch-up-seconds} of the load's end.
 */
final class ReadYourWritesCommand {

    private static final String USAGE = "usage: read-your-writes [--rate N] [--seconds S] [--wait-ms W] [--max-p99-ms P]"
            + " [--reads true|false] [--catch-up-seconds C]";

    private ReadYourWritesCommand() {
    }

    static int run(String[] args, Env env, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>(Map.of("--rate", "50", "--seconds", "60", "--wait-ms", "5000",
                "--max-p99-ms", "1000", "--reads", "true", "--catch-up-seconds", "60"));
        for (int i = 1; i < args.length; i++) {
            if (!options.containsKey(args[i]) || i + 1 == args.length) {
                err.println(USAGE + " (unknown or incomplete option '" + args[i] + "')");
                return 2;
            }
            options.put(args[i], args[++i]);
        }
        ClientTarget target = new ClientTarget(env);
        ReadYourWritesLoad.Settings settings;
        double maxP99;
        Duration catchUp;
        try {
            settings = new ReadYourWritesLoad.Settings(
                    target.commandUrl(),
                    target.queryUrl(),
                    Double.parseDouble(options.get("--rate")),
                    Duration.ofSeconds(Long.parseLong(options.get("--seconds"))),
                    Duration.ofMillis(Long.parseLong(options.get("--wait-ms"))),
                    Boolean.parseBoolean(options.get("--reads")),
                    "ryw-" + Long.toString(System.currentTimeMillis(), 36) + "-");
            maxP99 = Double.parseDouble(options.get("--max-p99-ms"));
            catchUp = Duration.ofSeconds(Long.parseLong(options.get("--catch-up-seconds")));
        } catch (IllegalArgumentException e) {
            err.println("read-your-writes: " + e.getMessage() + "; " + USAGE);
            return 2;
        }
        out.printf("read-your-writes: %.0f orders/s for %d s against %s and %s, %s%n", settings.ratePerSecond(),
                settings.duration().toSeconds(), settings.commandUrl(), settings.queryUrl(), settings.reads()
                        ? "each POST followed by GET ?minVersion=1&waitMs=" + settings.maxWait().toMillis() : "POSTs only");
        String auth = target.adminAuth().orElse(null);
        LagWatch lag = auth == null ? null : new LagWatch(settings.queryUrl(), auth, Duration.ofSeconds(1));
        // One staff token for every client: the load creates orders for 50 customers.
        String authorization = target.staffAuthorization().orElse(null);
        if (authorization == null) {
            out.println("read-your-writes: no API key in " + env.dataDir() + ", sending no token (only a system with"
                    + " API_AUTH_ENABLED=false will answer)");
        }
        ReadYourWritesResult result = new ReadYourWritesLoad(settings, authorization).run();
        out.println(result.report());
        boolean caughtUp = true;
        if (lag != null) {
            long atEnd = lag.last() == null ? -1 : lag.last().lag();
            OptionalLong seconds = lag.secondsUntilCaughtUp(catchUp);
            lag.close();
            caughtUp = seconds.isPresent();
            out.printf("read side: largest lag %d records, %d when the load ended; %s%n", lag.peak(), atEnd,
                    caughtUp ? "caught up " + seconds.getAsLong() + " s after the load" : "NOT caught up within "
                            + catchUp.toSeconds() + " s after the load");
        } else {
            out.println("read side: lag not watched (set ADMIN_AUTH=user:password or DATA_DIR with its admin-auth)");
        }
        boolean readsOk = !settings.reads() || result.getPercentileMillis(99) < maxP99;
        boolean passed = result.sent() > 0 && result.missed() == 0 && readsOk && caughtUp;
        out.printf("read-your-writes: %s (every %s: %s; GET p99 %.0f ms, bound %.0f ms; caught up: %s)%n",
                passed ? "PASSED" : "FAILED", settings.reads() ? "GET with the order" : "POST acknowledged",
                result.missed() == 0 ? "yes" : "no, " + result.missed() + " not", result.getPercentileMillis(99), maxP99,
                lag == null ? "not watched" : caughtUp ? "yes" : "no");
        return passed ? 0 : 1;
    }
}
