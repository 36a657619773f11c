package dev.cqrs.orders.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code read-your-writes} subcommand: {@link ReadYourWritesLoad} against a running system (COMMAND_URL /
 * QUERY_URL, or the ports), then a verdict: every GET answered with the order, and its p99 within a bound.
 */
final class ReadYourWritesCommand {

    private ReadYourWritesCommand() {
    }

    static int run(String[] args, Env env, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>(Map.of("--rate", "50", "--seconds", "60", "--wait-ms", "5000",
                "--max-p99-ms", "1000"));
        for (int i = 1; i < args.length; i++) {
            if (!options.containsKey(args[i]) || i + 1 == args.length) {
                err.println("usage: read-your-writes [--rate N] [--seconds S] [--wait-ms W] [--max-p99-ms P] (unknown or"
                        + " incomplete option '" + args[i] + "')");
                return 2;
            }
            options.put(args[i], args[++i]);
        }
        StackPorts ports = StackPorts.fromEnv(env);
        ReadYourWritesLoad.Settings settings;
        double maxP99;
        try {
            settings = new ReadYourWritesLoad.Settings(
                    env.get("COMMAND_URL", "http://127.0.0.1:" + ports.command()),
                    env.get("QUERY_URL", "http://127.0.0.1:" + ports.query()),
                    Double.parseDouble(options.get("--rate")),
                    Duration.ofSeconds(Long.parseLong(options.get("--seconds"))),
                    Duration.ofMillis(Long.parseLong(options.get("--wait-ms"))),
                    "ryw-" + Long.toString(System.currentTimeMillis(), 36) + "-");
            maxP99 = Double.parseDouble(options.get("--max-p99-ms"));
        } catch (IllegalArgumentException e) {
            err.println("read-your-writes: " + e.getMessage());
            return 2;
        }
        out.printf("read-your-writes: %.0f orders/s for %d s against %s and %s, each POST followed by GET ?minVersion=1"
                + "&waitMs=%d%n", settings.ratePerSecond(), settings.duration().toSeconds(), settings.commandUrl(),
                settings.queryUrl(), settings.maxWait().toMillis());
        ReadYourWritesResult result = new ReadYourWritesLoad(settings).run();
        out.println(result.report());
        boolean passed = result.sent() > 0 && result.missed() == 0 && result.getPercentileMillis(99) < maxP99;
        out.printf("read-your-writes: %s (every GET with the order: %s; GET p99 %.0f ms, bound %.0f ms)%n",
                passed ? "PASSED" : "FAILED", result.missed() == 0 ? "yes" : "no, " + result.missed() + " without",
                result.getPercentileMillis(99), maxP99);
        return passed ? 0 : 1;
    }
}
