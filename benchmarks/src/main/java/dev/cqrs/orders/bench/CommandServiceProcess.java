package dev.cqrs.orders.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command service launched with the command line and environment local-stack gives it ({@code -Xmx96m
 * -XX:+UseSerialGC -XX:TieredStopAtLevel=1}, MALLOC_ARENA_MAX=2, the same ports and URLs) plus extra environment variables. LocalSystem
 * passes its own environment to every component, so a variable meant for one service (RELAY_ENABLED=false for the
 * polling-relay comparison) needs a launch of its own.
 */
final class CommandServiceProcess implements AutoCloseable {

    private final Process process;
    private final long startedNanos;

    private CommandServiceProcess(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    static CommandServiceProcess start(Path jar, int port, String jdbcUrl, String kafka, Map<String, String> extraEnv, Path log)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx96m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Files.createDirectories(log.getParent());
        Map<String, String> env = builder.environment();
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        env.put("COMMAND_PORT", Integer.toString(port));
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("DB_URL", jdbcUrl);
        env.put("DB_USER", Databases.USER);
        env.put("DB_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.putAll(extraEnv);
        return new CommandServiceProcess(builder.start(), System.nanoTime());
    }

    long pid() {
        return process.pid();
    }

    /** Waits until /actuator/health/readiness answers 200; the time from launch. */
    Duration awaitReady(int port, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the command service exited with " + process.exitValue() + " before it was ready");
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the command service was not ready within " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
