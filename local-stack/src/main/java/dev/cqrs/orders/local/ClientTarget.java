package dev.cqrs.orders.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the subcommands that talk to a running system find it: the services' URLs (COMMAND_URL / QUERY_URL, else the
 * ports), the operator's credential and the staff token of the key in DATA_DIR.
 */
final class ClientTarget {

    private final Env env;

    ClientTarget(Env env) {
        this.env = env;
    }

    String commandUrl() {
        return env.get("COMMAND_URL", "http://127.0.0.1:" + env.port("COMMAND_PORT", 8081));
    }

    String queryUrl() {
        return env.get("QUERY_URL", "http://127.0.0.1:" + env.port("QUERY_PORT", 8082));
    }

    Path dataDir() {
        return env.dataDir();
    }

    /**
     * The operator's {@code user:password}: ADMIN_AUTH, else the file ./run local wrote into DATA_DIR, else the first
     * ADMIN_USERS entry when its password is known (a bcrypt hash cannot be sent).
     */
    Optional<String> adminAuth() {
        String auth = env.get("ADMIN_AUTH", null);
        if (auth != null) {
            return Optional.of(auth);
        }
        Optional<String> written = AdminCredentials.readFile(env.dataDir());
        if (written.isPresent()) {
            return written;
        }
        String users = env.get("ADMIN_USERS", null);
        if (users == null) {
            return Optional.empty();
        }
        AdminCredentials admin = new AdminCredentials(users);
        return admin.passwordKnown() ? Optional.of(admin.user() + ":" + admin.password()) : Optional.empty();
    }

    /** The staff token's Authorization header, when ./run local made a key in DATA_DIR. */
    Optional<String> staffAuthorization() {
        return ApiTokens.staffAuthorizationIn(env.dataDir());
    }
}
