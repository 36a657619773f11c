package dev.cqrs.orders.qa.faults.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the kubectl binary, as the operator would: with the pod's service account in a cluster, or the current
 * kubeconfig context (or {@code --context}) on a workstation.
 */
public final class ProcessKubectl implements Kubectl {

    private final String binary;
    private final String context;
    private final Duration timeout;

    /** {@code context}: a kubeconfig context, or null for the current one. */
    public ProcessKubectl(String binary, String context, Duration timeout) {
        this.binary = binary;
        this.context = context;
        this.timeout = timeout;
    }

    @Override
    public String run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary);
        if (context != null) {
            command.add("--context=" + context);
        }
        command.addAll(arguments);
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(err, StandardCharsets.UTF_8).strip());
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + binary + " (is kubectl installed? --kubectl names it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
