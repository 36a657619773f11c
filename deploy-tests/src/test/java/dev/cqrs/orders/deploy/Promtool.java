package dev.cqrs.orders.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' {@code promtool}. A prerequisite like kubectl: without it the tests fail, they never skip. */
final class Promtool {

    static final String MISSING = "promtool is not on the PATH, nor named by $PROMTOOL, nor in the project's cache. The "
            + "deploy-tests check k8s/monitoring with `promtool check rules` and `promtool test rules`: "
            + "scripts/ensure-promtool takes promtool out of Debian's prometheus package into "
            + "$XDG_CACHE_HOME/cqrs-orders/promtool without installing it, and deploy-tests' pom runs that script first.";

    /** What one run printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }
    }

    private Promtool() {
    }

    static Path locate(Map<String, String> env) {
        String explicit = env.get("PROMTOOL");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new AssertionError("PROMTOOL=" + explicit + " is not an executable file. " + MISSING);
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "promtool");
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        // Where scripts/ensure-promtool puts the promtool it takes out of Debian's package.
        String cacheHome = env.getOrDefault("XDG_CACHE_HOME", "");
        Path cached = (cacheHome.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cacheHome))
                .resolve("cqrs-orders/promtool/promtool");
        if (Files.isExecutable(cached)) {
            return cached;
        }
        throw new AssertionError(MISSING);
    }

    /** {@code promtool check rules FILE}: syntax, PromQL and templates of a rules file. */
    static Result checkRules(Path rules) {
        return run(rules.getParent(), "check", "rules", rules.toString());
    }

    /** {@code promtool test rules FILE}, in the file's folder (its rule_files are relative to it). */
    static Result testRules(Path tests) {
        return run(tests.getParent(), "test", "rules", tests.getFileName().toString());
    }

    private static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(locate(System.getenv()).toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("promtool", ".out");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("`" + String.join(" ", command) + "` did not finish in 120 s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("Could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command, e);
        }
    }
}
