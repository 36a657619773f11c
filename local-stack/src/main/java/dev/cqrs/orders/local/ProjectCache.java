package dev.cqrs.orders.local;

import java.nio.file.Path;

/**
 * The per-user cache this project owns: things made once per machine and shared by every data directory and test
 * run (PostgreSQL's binaries, class-data archives), never data. A folder of our own rather than the shared /tmp,
 * where another program's leftovers or a tmp cleaner could poison or remove what we rely on.
 */
final class ProjectCache {

    private ProjectCache() {
    }

    /** {@code $XDG_CACHE_HOME/cqrs-orders}, else {@code ~/.cache/cqrs-orders}. */
    static Path root(Env env) {
        String xdg = env.get("XDG_CACHE_HOME", "");
        Path base = xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return base.resolve("cqrs-orders").toAbsolutePath().normalize();
    }

    static Path postgresBinaries(Env env) {
        return root(env).resolve("postgres");
    }

    static Path classData(Env env) {
        return root(env).resolve("cds");
    }
}
