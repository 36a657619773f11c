package dev.cqrs.orders.local;

import java.nio.file.Path;
import java.time.Duration;

/** Everything a {@link LocalSystem} needs to know to start its processes. */
record SystemConfig(StackPorts ports, Path dataDir, Path javaBinary, Path servicesJavaBinary, Path stackJar, Path commandJar, Path queryJar,
                    Path consoleJar, Duration startTimeout, AdminCredentials admin, boolean apiAuthEnabled,
                    boolean queryFaultsEnabled, ComponentOptions options) {

    /** The nodes run on the launcher's own JVM; the services on {@link #servicesJavaBinary} (SERVICES_JAVA_HOME). */
    Path javaBinary(Component component) {
        return component.infrastructure() ? javaBinary : servicesJavaBinary;
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    Path logFile(Component component) {
        return logDir().resolve(component.id() + ".log");
    }

    Path pidFile(Component component) {
        return pidFile(dataDir, component);
    }

    static Path pidFile(Path dataDir, Component component) {
        return dataDir.resolve("pids").resolve(component.id() + ".pid");
    }

    /** A component's own folder: a node's data (made by the node itself), a service's working directory. */
    Path workDir(Component component) {
        return dataDir.resolve(component.id());
    }

    /**
     * Where the process runs: the data directory for a node, which makes its own folder atomically on first start
     * (it must not be the process's working directory then), a service's own folder otherwise.
     */
    Path processDir(Component component) {
        return component.infrastructure() ? dataDir : workDir(component);
    }

    Path jar(Component component) {
        return switch (component) {
            case POSTGRES, KAFKA, MONGO -> stackJar;
            case COMMAND -> commandJar;
            case QUERY -> queryJar;
            case CONSOLE -> consoleJar;
        };
    }

    String jdbcUrl() {
        return jdbcUrl(ports);
    }

    static String jdbcUrl(StackPorts ports) {
        return "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + PostgresNode.DATABASE;
    }

    String kafkaBootstrap() {
        return kafkaBootstrap(ports);
    }

    static String kafkaBootstrap(StackPorts ports) {
        return "127.0.0.1:" + ports.kafka();
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + ports.mongo();
    }

    String commandUrl() {
        return "http://127.0.0.1:" + ports.command();
    }

    String queryUrl() {
        return "http://127.0.0.1:" + ports.query();
    }

    String consoleUrl() {
        return "http://127.0.0.1:" + ports.console() + "/";
    }

    /** ADMIN_USERS of the command and query services. */
    String adminUsers() {
        return admin.users();
    }

    /** The public key the services verify bearer tokens with (made by {@link ApiTokens#forDataDir} before they start). */
    Path apiPublicKeyFile() {
        return new ApiKeyFiles(dataDir).publicKeyFile();
    }

    String adminUser() {
        return admin.user();
    }

    String adminPassword() {
        return admin.password();
    }
}
