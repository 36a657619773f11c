package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the guardian stops: every component named by a pid file whose process is still that very process. */
class GuardianTest {

    @TempDir
    Path dataDir;

    private final java.util.List<Process> started = new java.util.ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process component(Component component) throws Exception {
        Process process = new ProcessBuilder("sleep", "300").start();
        started.add(process);
        Pids.write(SystemConfig.pidFile(dataDir, component), process.pid());
        return process;
    }

    @Test
    void stopsEveryComponentAndForgetsThem() throws Exception {
        Process command = component(Component.COMMAND);
        Process query = component(Component.QUERY);
        Process kafka = component(Component.KAFKA);

        Guardian.stopAll(dataDir);

        // The kernel's word, at once: each is gone or a zombie. This JVM's reaper thread marks its Process objects
        // ended a moment later, so those are awaited before their exit codes are read.
        assertThat(Stream.of(command, query, kafka).map(Process::pid).filter(Pids::alive)).isEmpty();
        assertThat(command.waitFor(10, TimeUnit.SECONDS)
                && query.waitFor(10, TimeUnit.SECONDS)
                && kafka.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(command.exitValue()).as("SIGTERM, not SIGKILL").isEqualTo(143);
        assertThat(SystemConfig.pidFile(dataDir, Component.COMMAND)).doesNotExist();
    }

    @Test
    void aPidTheKernelGaveToAnotherProcessIsNotKilled() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "300").start();
        started.add(stranger);
        Path pidFile = SystemConfig.pidFile(dataDir, Component.QUERY);
        Files.createDirectories(pidFile.getParent());
        // The pid of a component that died long ago, now reused: same number, another start time.
        Files.writeString(pidFile, stranger.pid() + "\n" + 1234567890L + "\n");

        Guardian.stopAll(dataDir);

        assertThat(stranger.isAlive()).isTrue();
    }

    @Test
    void theGuardianActsWhenItsLauncherDies() throws Exception {
        Process launcher = new ProcessBuilder("sleep", "300").start();
        started.add(launcher);
        Process query = component(Component.QUERY);
        Thread guardian = new Thread(() -> Guardian.run(dataDir, launcher.pid()));
        guardian.start();
        assertThat(query.isAlive()).isTrue();

        launcher.destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> !query.isAlive());
        guardian.join(30_000);
        assertThat(guardian.isAlive()).isFalse();
    }
}
