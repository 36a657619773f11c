package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestration's refusals and housekeeping, without starting real processes. */
class LocalSystemTest {

    @TempDir
    Path dir;

    private LocalSystem system(Path stackJar) {
        return LocalSystem.builder().ports(StackPorts.free()).dataDir(dir.resolve("data"))
                .stackJar(stackJar).commandJar(dir.resolve("command.jar")).queryJar(dir.resolve("query.jar")).build();
    }

    @Test
    void aMissingJarIsNamedWithTheWayToBuildIt() {
        try (LocalSystem system = system(dir.resolve("missing.jar"))) {
            assertThatThrownBy(() -> system.start(Component.MONGO))
                    .hasMessageContaining("no jar for mongo at " + dir.resolve("missing.jar"))
                    .hasMessageContaining("./run build");
        }
    }

    @Test
    void aServiceNeedsItsDependenciesRunning() {
        try (LocalSystem system = system(dir.resolve("stack.jar"))) {
            assertThatThrownBy(() -> system.start(Component.COMMAND))
                    .hasMessageContaining("command-service needs [postgres, kafka] running");
            assertThatThrownBy(() -> system.start(Component.QUERY))
                    .hasMessageContaining("query-service needs [kafka, mongo] running");
        }
    }

    @Test
    void aPortInUseIsReportedBeforeAnythingStarts() throws Exception {
        Path jar = Files.createFile(dir.resolve("stack.jar"));
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            try (LocalSystem system = LocalSystem.builder().ports(new StackPorts(1, 2, 3, port, 5, 6, 7)).dataDir(dir.resolve("data"))
                    .stackJar(jar).build()) {
                assertThatThrownBy(() -> system.start(Component.MONGO))
                        .hasMessageContaining("port " + port + " (MONGO_PORT) for mongo is already in use");
                assertThat(system.running(Component.MONGO)).isFalse();
            }
        }
    }

    @Test
    void deleteDataRemovesTheWholeDirectory() throws Exception {
        Files.createDirectories(dir.resolve("data/logs"));
        Files.writeString(dir.resolve("data/logs/kafka.log"), "old");
        try (LocalSystem system = system(dir.resolve("stack.jar"))) {
            system.deleteData();
            assertThat(dir.resolve("data")).doesNotExist();
            assertThat(system.logFile(Component.COMMAND)).isEqualTo(dir.resolve("data/logs/command-service.log"));
        }
    }

    /** A pid file is trusted only while its process runs our jar: a leftover of ours is stopped, another program is not. */
    @Test
    void reapingStopsALeftoverOfOursAndLeavesAnotherProgramRunning() throws Exception {
        Path pids = Files.createDirectories(dir.resolve("data/pids"));
        // Ours: its command line names query.jar; on SIGTERM it stops its sleep and exits.
        Process ours = new ProcessBuilder("bash", "-c", "trap 'kill $!; exit 143' TERM; sleep 300 & wait", "query.jar").start();
        Process another = new ProcessBuilder("sleep", "300").start();
        try {
            Files.writeString(pids.resolve("query-service.pid"), ours.pid() + "\n");
            Files.writeString(pids.resolve("command-service.pid"), another.pid() + "\n");
            try (LocalSystem system = system(dir.resolve("stack.jar"))) {
                system.deleteData();
            }
            assertThat(ours.waitFor(10, TimeUnit.SECONDS)).as("the leftover running query.jar was stopped").isTrue();
            assertThat(another.isAlive()).as("sleep runs no jar of ours, whatever its pid file says").isTrue();
        } finally {
            ours.destroyForcibly();
            another.destroyForcibly();
        }
    }

    @Test
    void tokensComeFromTheDataDirsKeyAndStayValidForTheNextSystemOnIt() throws Exception {
        String staff;
        try (LocalSystem system = system(dir.resolve("stack.jar"))) {
            assertThat(system.apiAuthEnabled()).isTrue();
            staff = system.staffAuthorization();
            assertThat(staff).startsWith("Bearer ");
            String customer = system.customerAuthorization("c-42").substring("Bearer ".length());
            assertThat(ApiTokensTest.part(customer, 1).path("sub").asString()).isEqualTo("c-42");
            assertThat(system.apiTokens().publicKeyFile()).isEqualTo(dir.resolve("data/api-auth/public-key.pem"));
        }
        try (LocalSystem again = system(dir.resolve("stack.jar"))) {
            assertThat(ApiTokensTest.verifies(staff.substring("Bearer ".length()),
                    ApiTokensTest.readPublicKey(again.apiTokens().publicKeyFile()))).isTrue();
            again.deleteData();
            assertThat(ApiTokensTest.verifies(staff.substring("Bearer ".length()), again.apiTokens().publicKey()))
                    .as("deleteData deletes the key, so a new one signs from then on").isFalse();
        }
    }
}
