package dev.cqrs.orders.local;

import java.nio.file.Path;
import java.util.Map;

/** Reads settings from environment variables, falling back to the documented defaults. */
final class Env {

    private final Map<String, String> values;

    Env(Map<String, String> values) {
        this.values = values;
    }

    static Env system() {
        return new Env(System.getenv());
    }

    String get(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    int port(String name, int fallback) {
        String value = get(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a TCP port (1-65535), got '" + value + "'");
        }
    }

    Path dataDir() {
        return Path.of(get("DATA_DIR", ".data")).toAbsolutePath().normalize();
    }
}
