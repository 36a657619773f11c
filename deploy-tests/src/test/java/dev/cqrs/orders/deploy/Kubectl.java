package dev.cqrs.orders.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Runs {@code kubectl kustomize}. kubectl is a prerequisite: without it the tests fail, they never skip. */
final class Kubectl {

    static final String MISSING = "kubectl is not on the PATH (nor named by $KUBECTL). The deploy-tests render k8s/ with "
            + "`kubectl kustomize` and fail without it: `.ci/run` installs it (Debian: `apt-get install -y "
            + "kubernetes-client`); on a workstation install kubectl, or point KUBECTL at the binary.";

    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

    private Kubectl() {
    }

    /** $KUBECTL if set, else the first executable {@code kubectl} on $PATH; an AssertionError naming .ci/run if none. */
    static Path locate(Map<String, String> env) {
        String explicit = env.get("KUBECTL");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new AssertionError("KUBECTL=" + explicit + " is not an executable file. " + MISSING);
        }
        String pathVar = env.getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(MISSING);
    }

    /** The YAML stream that {@code kubectl kustomize dir} prints; rendered once per directory and JVM. */
    static String kustomize(Path dir) {
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), Kubectl::run);
    }

    private static String run(Path dir) {
        Path kubectl = locate(System.getenv());
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("`" + kubectl + " kustomize " + dir + "` did not finish in 120 s");
                }
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError("`" + kubectl + " kustomize " + dir + "` failed (exit " + process.exitValue()
                            + "):\n" + stderr);
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("Could not run " + kubectl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while rendering " + dir, e);
        }
    }
}
