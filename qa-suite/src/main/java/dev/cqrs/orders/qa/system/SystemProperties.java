package dev.cqrs.orders.qa.system;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Properties;

import dev.cqrs.orders.local.ApiTokens;
import dev.cqrs.orders.qa.http.BearerToken;

/**
 * What a running {@code ./run local} records in {@code $DATA_DIR/system.properties} for a second process: the URLs,
 * the servers' addresses, the admin credential's file, and per component its pid and port. The launcher rewrites it
 * (atomically) whenever it starts a component again, so it is read anew each time.
 */
public final class SystemProperties {

    public static final String FILE = "system.properties";

    private final Path dataDir;
    private final Properties values;

    private SystemProperties(Path dataDir, Properties values) {
        this.dataDir = dataDir;
        this.values = values;
    }

    /** Reads the file; fails with a message that says what to start when there is none. */
    public static SystemProperties read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + file + ": is ./run local running with DATA_DIR=" + dataDir + "?");
        }
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return new SystemProperties(dataDir, values);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A value the launcher must have written; fails naming the key otherwise. */
    public String required(String key) {
        String value = values.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(dataDir.resolve(FILE) + " has no " + key);
        }
        return value.trim();
    }

    /** The pid of a component ({@code postgres}, {@code kafka}, {@code mongo}, {@code command-service}, ...), if recorded. */
    public OptionalLong pid(String componentId) {
        String value = values.getProperty(componentId + ".pid");
        try {
            return value == null || value.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Staff tokens signed with the key that {@code ./run local} made (a fresh one before the last expires), or none
     * when its API runs without authentication; the suite never makes a key of its own for a system it only attaches to.
     */
    public BearerToken apiToken() {
        if (!Boolean.parseBoolean(values.getProperty("api.auth.enabled", "true"))) {
            return BearerToken.none();
        }
        ApiTokens issuer = ApiTokens.existing(dataDir);
        return BearerToken.minted(issuer::staff);
    }

    public long launcherPid() {
        return Long.parseLong(required("launcher.pid"));
    }

    /** The {@code user:password} in the file named by {@code admin.auth.file}. */
    public String adminAuth() {
        Path file = Path.of(required("admin.auth.file"));
        try {
            String auth = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            if (!auth.contains(":")) {
                throw new IllegalArgumentException(file + " does not hold user:password");
            }
            return auth;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the admin credential " + file, e);
        }
    }
}
