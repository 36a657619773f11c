package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code java -jar local-stack-exec.jar infra} as a user runs it: up, then SIGTERM stops every child; after a kill -9
 * its guardian stops them.
 */
class LauncherProcessIT {

    private final Path stackJar = Path.of(System.getProperty("localstack.stackJar", "target/local-stack-0.1.0-SNAPSHOT-exec.jar"));

    private Process launch(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Orphans.deleteTree(dataDir);
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", stackJar.toString(), "infra")
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".out").toFile());
        Map<String, String> env = builder.environment();
        env.put("DATA_DIR", dataDir.toString());
        env.put("PG_PORT", Integer.toString(Ports.free()));
        env.put("KAFKA_PORT", Integer.toString(Ports.free()));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(Ports.free()));
        env.put("MONGO_PORT", Integer.toString(Ports.free()));
        return builder.start();
    }

    private static String output(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolveSibling(dataDir.getFileName() + ".out"), StandardCharsets.UTF_8);
    }

    @Test
    void sigtermStopsEveryNodeCleanly() throws Exception {
        Path dataDir = Path.of(System.getProperty("localstack.workDir", "target/it")).resolve("launcher-sigterm").toAbsolutePath();
        Process launcher = launch(dataDir);
        await().atMost(Duration.ofSeconds(120)).until(() -> output(dataDir).contains("press Ctrl-C"));
        List<ProcessHandle> children = launcher.children().toList();
        assertThat(children).as("three nodes and the guardian").hasSize(4);
        assertThat(output(dataDir)).contains("local system is up", "jdbc:postgresql://", "logs");
        assertThat(dataDir.resolve("system.properties")).content().contains("launcher.pid=" + launcher.pid(), "postgres.pid=");

        launcher.destroy();

        assertThat(launcher.waitFor()).isEqualTo(143);
        children.forEach(child -> assertThat(child.isAlive()).as("child " + child.pid()).isFalse());
        assertThat(output(dataDir)).contains("stopped");
        assertThat(Files.readString(dataDir.resolve("logs/postgres.log"))).contains("PostgreSQL on port");
    }

    @Test
    void theGuardianStopsTheNodesWhenTheLauncherIsKilled() throws Exception {
        Path dataDir = Path.of(System.getProperty("localstack.workDir", "target/it")).resolve("launcher-kill").toAbsolutePath();
        Process launcher = launch(dataDir);
        await().atMost(Duration.ofSeconds(120)).until(() -> output(dataDir).contains("press Ctrl-C"));
        List<ProcessHandle> children = launcher.children().toList();
        long postmaster = Pids.read(dataDir.resolve("postgres/postmaster.pid")).orElseThrow();

        launcher.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            children.forEach(child -> assertThat(Pids.alive(child.pid())).as("node " + child.pid()).isFalse());
            assertThat(Pids.alive(postmaster)).as("postmaster").isFalse();
        });
        assertThat(Files.readString(dataDir.resolve("logs/guardian.log")))
                .contains("launcher " + launcher.pid() + " is gone without stopping its components", "every component is stopped");
    }
}
