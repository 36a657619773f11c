package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL data directory and the programs that run on it. The first start makes the cluster with initdb in a
 * sibling folder and renames it into place when initdb has finished, so a start that is killed half-way leaves no
 * cluster that looks whole and is not.
 */
final class PostgresCluster {

    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);

    private final Path binaries;
    private final Path dataDir;

    PostgresCluster(Path binaries, Path dataDir) {
        this.binaries = binaries;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path dataDir() {
        return dataDir;
    }

    /** Makes the cluster when the data directory holds none; a finished one is left as it is. */
    void ensureInitialized(String superuser) throws IOException {
        if (Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        Path partial = dataDir.resolveSibling(dataDir.getFileName() + ".initdb-partial");
        Orphans.deleteTree(partial);
        long started = System.nanoTime();
        List<String> output = run(command("initdb", "-A", "trust", "-U", superuser, "-D", partial.toString(),
                "-E", "UTF-8", "--no-instructions"));
        if (!Files.isRegularFile(partial.resolve("PG_VERSION"))) {
            throw new IOException("initdb did not make a cluster in " + partial + ": " + String.join("\n", output));
        }
        Orphans.makeRoom(dataDir);
        Files.move(partial, dataDir, StandardCopyOption.ATOMIC_MOVE);
        log.info("made a new PostgreSQL cluster in {} ({} ms)", dataDir, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A PostgreSQL program with its arguments. PostgreSQL refuses to run as root, so root runs it in a user namespace
     * of its own ({@code unshare -U}), as zonky does.
     */
    List<String> command(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static List<String> run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            reader.lines().forEach(output::add);
        }
        try {
            if (!process.waitFor(INITDB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(command.size() - 1) + " did not finish within " + INITDB_TIMEOUT);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue() + ":\n"
                    + String.join("\n", output));
        }
        return output;
    }
}
