package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from Maven) with logical decoding on, keeping its data in a directory so that a
 * restart finds it again. The postmaster is this JVM's child, so its death is seen at once.
 */
public final class PostgresNode implements AutoCloseable {

    public static final String DATABASE = "orders";
    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresNode.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process postmaster;
    private final int port;
    private volatile boolean closing;

    private PostgresNode(Process postmaster, int port) {
        this.postmaster = postmaster;
        this.port = port;
    }

    /** Starts PostgreSQL on the port, creating the cluster under {@code dataDir} on first use. */
    public static PostgresNode start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, ProjectCache.postgresBinaries(Env.system()));
    }

    static PostgresNode start(Path dataDir, int port, Path binariesCache) throws IOException {
        PostgresCluster cluster = new PostgresCluster(PostgresBinaries.of(binariesCache).ensure(), dataDir);
        cluster.ensureInitialized(USER);
        OrphanPostgres.stopIfRunning(cluster.dataDir());
        List<String> command = new ArrayList<>(cluster.command("postgres", "-D", cluster.dataDir().toString(),
                "-p", Integer.toString(port)));
        settings().forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        Process postmaster = new ProcessBuilder(command).inheritIO().start();
        PostgresNode node = new PostgresNode(postmaster, port);
        try {
            node.awaitReady();
            node.createDatabaseIfMissing();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        log.info("PostgreSQL is up at {} (data in {}, postmaster pid {})", node.jdbcUrl(), dataDir, postmaster.pid());
        return node;
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("wal_level", "logical");
        // One PostgreSQL serves every integration test class of a module, and each relay test takes a slot (and a WAL
        // sender) of its own; 10 ran out once the suites grew. Same as the container path.
        settings.put("max_wal_senders", "32");
        settings.put("max_replication_slots", "32");
        settings.put("max_connections", "200");
        // Durability matters for the relay tests: a crash must not lose a committed transaction.
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("timezone", "UTC");
        return settings;
    }

    private void awaitReady() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try {
            Poll.until(START_TIMEOUT, Duration.ofMillis(100), () -> {
                if (!postmaster.isAlive()) {
                    throw new IllegalStateException("PostgreSQL exited with code " + postmaster.exitValue()
                            + " while starting (its log is above)");
                }
                try (Connection ignored = DriverManager.getConnection(url, USER, "")) {
                    return true;
                } catch (SQLException e) {
                    return false;
                }
            }, () -> "PostgreSQL did not accept connections on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
        } catch (TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Runs {@code onExit} with the exit code when the postmaster ends without {@link #close()}: a crash or a kill. */
    public void onUnexpectedExit(IntConsumer onExit) {
        postmaster.onExit().thenAccept(process -> {
            if (!closing) {
                onExit.accept(process.exitValue());
            }
        });
    }

    /** The postmaster's process id. */
    public long pid() {
        return postmaster.pid();
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the application database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private void createDatabaseIfMissing() throws IOException {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, USER, "");
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("could not create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server cleanly: SIGINT is PostgreSQL's fast shutdown (sessions end, committed data stays). */
    @Override
    public void close() {
        closing = true;
        if (postmaster.isAlive()) {
            Pids.signal("INT", postmaster.pid());
            try {
                if (!postmaster.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("PostgreSQL (pid {}) did not stop within {} s of SIGINT; killing it", postmaster.pid(),
                            STOP_TIMEOUT.toSeconds());
                    postmaster.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("PostgreSQL on port {} stopped", port);
    }
}
