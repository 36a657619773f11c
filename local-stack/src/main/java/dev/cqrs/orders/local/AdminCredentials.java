package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The ADMIN_USERS value handed to the services ({@code name:password[,...]}), and the first operator's name and
 * password, which the launcher, tests, benchmarks and the CLI subcommands use to call /admin and /actuator.
 */
record AdminCredentials(String users) {

    static final String DEFAULT_USER = "operator";
    /** Read by the dead-letters, rebuild and read-your-writes subcommands: {@code user:password}, mode 0600. */
    static final String FILE_NAME = "admin-auth";

    private static final SecureRandom RANDOM = new SecureRandom();

    AdminCredentials {
        int colon = users.indexOf(':');
        if (colon <= 0 || colon == users.length() - 1) {
            throw new IllegalArgumentException("ADMIN_USERS must be name:password[,name2:password2], got an entry without"
                    + " a name or a password");
        }
    }

    /** The launcher's own ADMIN_USERS if set, else {@code operator:<random>}, new for each start. */
    static AdminCredentials fromEnv(Env env) {
        String users = env.get("ADMIN_USERS", null);
        return users == null ? generated() : new AdminCredentials(users);
    }

    static AdminCredentials generated() {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        // URL-safe base64: no comma or colon, so the value is a single, well-formed ADMIN_USERS entry.
        return new AdminCredentials(DEFAULT_USER + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    private String firstEntry() {
        int comma = users.indexOf(',');
        return (comma < 0 ? users : users.substring(0, comma)).trim();
    }

    String user() {
        String entry = firstEntry();
        return entry.substring(0, entry.indexOf(':')).trim();
    }

    /** The first operator's password as a client sends it: a {noop} prefix is dropped; a {bcrypt} hash is not a password. */
    String password() {
        String entry = firstEntry();
        String password = entry.substring(entry.indexOf(':') + 1);
        return password.startsWith("{noop}") ? password.substring("{noop}".length()) : password;
    }

    /** True when the first operator's plain password is known (not only its bcrypt hash). */
    boolean passwordKnown() {
        return !password().startsWith("{bcrypt}");
    }

    /**
     * Writes {@code user:password} to {@code dir/admin-auth}, readable by this OS user only; when only a bcrypt hash
     * is known, removes an older file instead (the CLI then needs ADMIN_AUTH) and answers null.
     */
    Path writeFile(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            if (!passwordKnown()) {
                return null;
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, user() + ":" + password() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The {@code user:password} in {@code dir/admin-auth}, when that file is there and readable. */
    static Optional<String> readFile(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            return Files.isReadable(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().map(String::trim).filter(line -> !line.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "AdminCredentials[" + user() + "]";
    }
}
