package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each component's process is launched: jar, subcommand, parent pid, heap, environment, log file. */
class LaunchesTest {

    @TempDir
    Path dir;

    private SystemConfig config() {
        return config(false);
    }

    private SystemConfig config(boolean queryFaults) {
        return config(true, queryFaults);
    }

    private SystemConfig config(boolean apiAuth, boolean queryFaults) {
        return new SystemConfig(new StackPorts(1001, 1002, 1003, 1004, 1005, 1006, 1007), dir, Path.of("/jdk/bin/java"), Path.of("/jdk25/bin/java"),
                Path.of("/jars/stack.jar"), Path.of("/jars/command.jar"), Path.of("/jars/query.jar"),
                Path.of("/jars/console.jar"), Duration.ofSeconds(5), new AdminCredentials("alice:wonderland,bob:builder"),
                apiAuth, queryFaults, ComponentOptions.NONE);
    }

    @Test
    void theConsoleRunsItsJarOnItsPortAgainstBothServicesWithTheOperators() {
        ProcessBuilder builder = Launches.processFor(Component.CONSOLE, config());
        assertThat(builder.command()).endsWith("-jar", "/jars/console.jar");
        Map<String, String> env = new HashMap<>();
        Launches.environment(Component.CONSOLE, config(), env);
        assertThat(env).containsEntry("CONSOLE_PORT", "1007").containsEntry("SERVER_PORT", "1007")
                .containsEntry("COMMAND_SERVICE_URL", "http://127.0.0.1:1005")
                .containsEntry("QUERY_SERVICE_URL", "http://127.0.0.1:1006")
                .containsEntry("ADMIN_USERS", "alice:wonderland,bob:builder");
    }

    @Test
    void theQueryServicesFaultSwitchIsOffUnlessAskedFor() {
        Map<String, String> off = new HashMap<>();
        Launches.environment(Component.QUERY, config(), off);
        assertThat(off).containsEntry("QUERY_FAULTS_ENABLED", "false");
        Map<String, String> on = new HashMap<>();
        Launches.environment(Component.QUERY, config(true), on);
        assertThat(on).containsEntry("QUERY_FAULTS_ENABLED", "true");
    }

    @Test
    void aNodeRunsTheStackJarWithItsSubcommandInTheDataDirectory() {
        ProcessBuilder builder = Launches.processFor(Component.KAFKA, config());
        assertThat(builder.command()).containsSubsequence("/jdk/bin/java", "-Xmx512m")
                .endsWith("-jar", "/jars/stack.jar", "kafka");
        assertThat(builder.environment()).containsEntry("DATA_DIR", dir.toString())
                .containsEntry("KAFKA_PORT", "1002").containsEntry("KAFKA_CONTROLLER_PORT", "1003");
        // Not its own folder: a node makes that itself, atomically, on its first start.
        assertThat(builder.directory().toPath()).isEqualTo(dir);
        assertThat(builder.redirectOutput().file().toPath()).isEqualTo(dir.resolve("logs/kafka.log"));
        assertThat(builder.redirectErrorStream()).isTrue();
    }

    @Test
    void theCommandServiceGetsItsDatabaseAndBroker() {
        Map<String, String> env = new HashMap<>();
        Launches.environment(Component.COMMAND, config(), env);
        assertThat(env).containsEntry("COMMAND_PORT", "1005").containsEntry("SERVER_PORT", "1005")
                .containsEntry("DB_URL", "jdbc:postgresql://127.0.0.1:1001/orders").containsEntry("DB_USER", "postgres")
                .containsEntry("DB_PASSWORD", "").containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1002")
                .containsEntry("RELAY_ENABLED", "true").containsEntry("ADMIN_USERS", "alice:wonderland,bob:builder");
        assertThat(Launches.processFor(Component.COMMAND, config()).command())
                .contains("-Xmx96m").endsWith("-jar", "/jars/command.jar");
    }

    @Test
    void servicesGetSmallHeapsAndTwoMallocArenasUnlessTheCallerChoseOtherwise() {
        assertThat(Launches.heap(Component.QUERY)).isEqualTo("-Xmx384m");
        assertThat(Launches.heap(Component.CONSOLE)).isEqualTo("-Xmx64m");
        // a small initial heap for the services, whatever the machine's memory; the nodes keep the JVM's default
        assertThat(Launches.processFor(Component.QUERY, config()).command()).containsSubsequence("-Xmx384m", "-Xms32m");
        assertThat(Launches.processFor(Component.KAFKA, config()).command()).doesNotContain("-Xms32m");
        for (Component service : new Component[] {Component.COMMAND, Component.QUERY, Component.CONSOLE}) {
            Map<String, String> env = new HashMap<>();
            Launches.environment(service, config(), env);
            assertThat(env).containsEntry("MALLOC_ARENA_MAX", "2");
        }
        Map<String, String> chosen = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "4"));
        Launches.environment(Component.QUERY, config(), chosen);
        assertThat(chosen).containsEntry("MALLOC_ARENA_MAX", "4");
        Map<String, String> node = new HashMap<>();
        Launches.environment(Component.KAFKA, config(), node);
        assertThat(node).doesNotContainKey("MALLOC_ARENA_MAX");
    }

    @Test
    void theQueryServiceGetsItsMongoAndBroker() {
        Map<String, String> env = new HashMap<>();
        Launches.environment(Component.QUERY, config(), env);
        assertThat(env).containsEntry("QUERY_PORT", "1006").containsEntry("MONGODB_URI", "mongodb://127.0.0.1:1004")
                .containsEntry("MONGODB_DATABASE", "orders_read").containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1002")
                .containsEntry("ADMIN_USERS", "alice:wonderland,bob:builder");
    }

    @Test
    void bothServicesCheckBearerTokensWithTheDataDirsPublicKeyAndTheLocalAudience() {
        for (Component service : new Component[] {Component.COMMAND, Component.QUERY}) {
            // The launcher's own environment, which a child inherits, must not point the services elsewhere.
            Map<String, String> env = new HashMap<>(Map.of("API_AUTH_ENABLED", "false", "JWT_AUDIENCES", "other",
                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "https://issuer.example/jwks"));
            Launches.environment(service, config(), env);
            assertThat(env).as(service.id()).containsEntry("API_AUTH_ENABLED", "true")
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                            "file:" + dir.resolve("api-auth/public-key.pem"))
                    .containsEntry("JWT_AUDIENCES", "orders-api")
                    .doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
            Map<String, String> open = new HashMap<>();
            Launches.environment(service, config(false, false), open);
            assertThat(open).containsEntry("API_AUTH_ENABLED", "false");
        }
    }

    @Test
    void theServicesRunOnTheServicesJvmAndTheNodesOnTheLaunchers() {
        for (Component service : java.util.List.of(Component.COMMAND, Component.QUERY, Component.CONSOLE)) {
            assertThat(Launches.processFor(service, config()).command()).contains("/jdk25/bin/java").doesNotContain("/jdk/bin/java");
        }
        for (Component node : Component.infra()) {
            assertThat(Launches.processFor(node, config()).command()).contains("/jdk/bin/java").doesNotContain("/jdk25/bin/java");
        }
    }

    @Test
    void servicesJavaHomeMustHoldAJavaBinary(@TempDir Path jdk) throws Exception {
        assertThat(LocalSystemBuilder.servicesJava(new Env(Map.of()))).isNull();
        assertThat(LocalSystemBuilder.servicesJava(new Env(Map.of("SERVICES_JAVA_HOME", " ")))).isNull();
        assertThatThrownBy(() -> LocalSystemBuilder.servicesJava(new Env(Map.of("SERVICES_JAVA_HOME", jdk.toString()))))
                .hasMessageContaining("SERVICES_JAVA_HOME=" + jdk + " has no executable bin/java");

        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        assertThat(LocalSystemBuilder.servicesJava(new Env(Map.of("SERVICES_JAVA_HOME", jdk.toString())))).isEqualTo(java);
    }

    @Test
    void theLauncherPassesTheApiCheckOnUnlessItsOwnEnvironmentSaysFalse() {
        assertThat(LocalSystemBuilder.apiAuthEnabled(new Env(Map.of()))).isTrue();
        assertThat(LocalSystemBuilder.apiAuthEnabled(new Env(Map.of("API_AUTH_ENABLED", "true")))).isTrue();
        assertThat(LocalSystemBuilder.apiAuthEnabled(new Env(Map.of("API_AUTH_ENABLED", "FALSE")))).isFalse();
        assertThatThrownBy(() -> LocalSystemBuilder.apiAuthEnabled(new Env(Map.of("API_AUTH_ENABLED", "no"))))
                .hasMessageContaining("API_AUTH_ENABLED must be true or false");
    }

    @Test
    void infrastructureNodesDoNotGetTheOperatorsPasswords() {
        for (Component node : Component.infra()) {
            Map<String, String> env = new HashMap<>();
            Launches.environment(node, config(), env);
            assertThat(env).doesNotContainKey("ADMIN_USERS").doesNotContainKey("API_AUTH_ENABLED");
        }
        Map<String, String> console = new HashMap<>();
        Launches.environment(Component.CONSOLE, config(), console);
        assertThat(console).doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION");
    }

    @Test
    void perComponentJvmOptionsComeAfterTheDefaultsAndItsVariablesOverTheSystemsOwn() {
        SystemConfig base = config();
        ComponentOptions options = ComponentOptions.fromEnv(new Env(Map.of("QUERY_JVM_OPTIONS", " -XX:TieredStopAtLevel=4  -Xss512k ")))
                .withEnv(Component.QUERY, "MONGODB_DATABASE", "elsewhere");
        SystemConfig config = new SystemConfig(base.ports(), base.dataDir(), base.javaBinary(), base.servicesJavaBinary(), base.stackJar(),
                base.commandJar(), base.queryJar(), base.consoleJar(), base.startTimeout(), base.admin(),
                base.apiAuthEnabled(), base.queryFaultsEnabled(), options);

        ProcessBuilder query = Launches.processFor(Component.QUERY, config);
        assertThat(query.command()).containsSubsequence("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4", "-Xss512k",
                "-jar", "/jars/query.jar");
        assertThat(query.environment()).containsEntry("MONGODB_DATABASE", "elsewhere");
        assertThat(Launches.processFor(Component.COMMAND, config).command()).doesNotContain("-XX:TieredStopAtLevel=4");
    }

    @Test
    void launchOptionsComeBetweenTheDefaultsAndTheComponentsOwnSoThoseCanUndoThem() {
        SystemConfig base = config();
        SystemConfig config = new SystemConfig(base.ports(), base.dataDir(), base.javaBinary(), base.servicesJavaBinary(), base.stackJar(),
                base.commandJar(), base.queryJar(), base.consoleJar(), base.startTimeout(), base.admin(),
                base.apiAuthEnabled(), base.queryFaultsEnabled(), ComponentOptions.fromEnv(new Env(Map.of("COMMAND_JVM_OPTIONS", "-Xshare:off"))));

        ProcessBuilder command = Launches.processFor(Component.COMMAND, config, Path.of("/cds/command.jar"),
                java.util.List.of("-XX:SharedArchiveFile=/cds/app.jsa"));
        assertThat(command.command()).containsSubsequence("-Xmx96m", "-Xms32m", "-XX:TieredStopAtLevel=1",
                "-XX:SharedArchiveFile=/cds/app.jsa", "-Xshare:off", "-jar", "/cds/command.jar");
    }

    @Test
    void portsAndDataDirComeFromTheEnvironment() {
        Env env = new Env(Map.of("PG_PORT", "6543", "QUERY_PORT", "9999", "CONSOLE_PORT", "9998", "DATA_DIR", "/tmp/x"));
        StackPorts ports = StackPorts.fromEnv(env);
        assertThat(ports).isEqualTo(new StackPorts(6543, 9092, 9093, 27017, 8081, 9999, 9998));
        assertThat(env.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThatThrownBy(() -> StackPorts.fromEnv(new Env(Map.of("KAFKA_PORT", "nope"))))
                .hasMessageContaining("KAFKA_PORT must be a TCP port");
    }
}
