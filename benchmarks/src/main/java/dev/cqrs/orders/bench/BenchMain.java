package dev.cqrs.orders.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./run bench [--quick|--medium] [--out DIR] [--work DIR]}: runs every figure next to its baseline and writes
 * {@code benchmarks.md} and {@code benchmarks-p2.png}. The full run writes into {@code docs/}; {@code --quick} (tiny sizes,
 * for the test) into {@code benchmarks/target/bench-quick/}, {@code --medium} (before/after comparisons of a change) into
 * {@code benchmarks/target/bench-medium/}, so neither overwrites the committed report.
 */
public final class BenchMain {

    private static final Logger log = LoggerFactory.getLogger(BenchMain.class);
    static final String VERSION = "0.1.0-SNAPSHOT";

    private BenchMain() {
    }

    public static void main(String[] args) {
        try {
            Settings settings = parse(args);
            Path report = run(settings);
            System.out.println("bench: report written to " + report);
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: ./run bench [--quick|--medium] [--out DIR] [--work DIR]");
            System.exit(2);
        } catch (Exception e) {
            log.error("the benchmark failed", e);
            System.exit(1);
        }
    }

    /** Runs the harness and writes the report and the plot; answers the report's path. */
    static Path run(Settings settings) throws Exception {
        log.info("bench {}; work dir {}, report into {}", settings.describe(), settings.workDir(), settings.outDir());
        Results results = new Harness(settings).run();
        return Report.write(results, settings.outDir());
    }

    static Settings parse(String[] args) {
        boolean quick = false;
        boolean medium = false;
        Path root = Path.of(env("BENCH_ROOT", ".")).toAbsolutePath().normalize();
        Path out = null;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--medium" -> medium = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--work" -> work = Path.of(value(args, ++i, "--work"));
                case "--root" -> root = Path.of(value(args, ++i, "--root")).toAbsolutePath().normalize();
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        Path target = root.resolve("benchmarks").resolve("target");
        if (quick && medium) {
            throw new IllegalArgumentException("--quick and --medium exclude each other");
        }
        if (out == null) {
            out = quick ? target.resolve("bench-quick") : medium ? target.resolve("bench-medium") : root.resolve("docs");
        }
        if (work == null) {
            work = target.resolve(quick ? "bench-quick-work" : medium ? "bench-medium-work" : "bench-work");
        }
        Path stack = jar("STACK_JAR", root.resolve("local-stack/target/local-stack-" + VERSION + "-exec.jar"));
        Path command = jar("COMMAND_JAR", root.resolve("order-command-service/target/order-command-service-" + VERSION + "-exec.jar"));
        Path query = jar("QUERY_JAR", root.resolve("order-query-service/target/order-query-service-" + VERSION + "-exec.jar"));
        return quick ? Settings.quick(work.toAbsolutePath(), out.toAbsolutePath(), stack, command, query)
                : medium ? Settings.medium(work.toAbsolutePath(), out.toAbsolutePath(), stack, command, query)
                : Settings.full(work.toAbsolutePath(), out.toAbsolutePath(), stack, command, query);
    }

    private static Path jar(String variable, Path fallback) {
        Path jar = Path.of(env(variable, fallback.toString())).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no executable jar at " + jar + " (" + variable + "); build first: ./run build");
        }
        return jar;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
