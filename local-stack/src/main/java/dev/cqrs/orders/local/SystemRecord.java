package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.function.Function;
import java.util.Optional;

/**
 * {@code $DATA_DIR/system.properties}: what a second process needs to find a running launcher's system (the QA suite's
 * local fault driver, a script): the launcher's pid, each component's pid and port, the URLs, where the admin
 * credential is and whether (and with which key) the public APIs check bearer tokens. Rewritten whole (renamed into
 * place) after every start, so a reader never sees half of it.
 */
final class SystemRecord {

    static final String FILE = "system.properties";

    private SystemRecord() {
    }

    static void write(SystemConfig config, Function<Component, Optional<Long>> pids) {
        Properties properties = new Properties();
        properties.setProperty("launcher.pid", Long.toString(ProcessHandle.current().pid()));
        properties.setProperty("data.dir", config.dataDir().toString());
        properties.setProperty("command.url", config.commandUrl());
        properties.setProperty("query.url", config.queryUrl());
        properties.setProperty("console.url", config.consoleUrl());
        properties.setProperty("jdbc.url", config.jdbcUrl());
        properties.setProperty("kafka.bootstrap", config.kafkaBootstrap());
        properties.setProperty("mongo.uri", config.mongoUri());
        properties.setProperty("admin.auth.file", config.dataDir().resolve(AdminCredentials.FILE_NAME).toString());
        // Tokens for the public APIs: ApiTokens.existing(data.dir) signs them with the key behind this public key.
        properties.setProperty("api.auth.enabled", Boolean.toString(config.apiAuthEnabled()));
        properties.setProperty("api.public.key.file", config.apiPublicKeyFile().toString());
        properties.setProperty("kafka.controller.port", Integer.toString(config.ports().kafkaController()));
        for (Component component : Component.values()) {
            properties.setProperty(component.id() + ".port", Integer.toString(config.ports().of(component)));
            pids.apply(component).ifPresent(pid -> properties.setProperty(component.id() + ".pid", Long.toString(pid)));
        }
        Path file = config.dataDir().resolve(FILE);
        Path partial = config.dataDir().resolve(FILE + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            properties.store(out, "the running local system, written by its launcher; read by ./run qa --fault-driver local");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + partial, e);
        }
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
