package dev.cqrs.orders.qa.faults.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqrs.orders.qa.faults.Part;
import dev.cqrs.orders.qa.faults.Processes;
import dev.cqrs.orders.qa.system.SystemProperties;

/**
 * The local driver against a stand-in for {@code ./run local}: real processes (sleep) as its components, and a
 * supervisor that does what the launcher promises: it starts an exited component again and rewrites system.properties
 * with the new pid; the PostgreSQL node exits when its postmaster dies.
 */
class LocalProcessDriverTest {

    private static final List<String> IDS = List.of("postgres", "kafka", "mongo", "command-service", "query-service");

    @TempDir
    Path dataDir;

    private final Map<String, Process> components = new LinkedHashMap<>();
    private final List<Process> all = new ArrayList<>();
    private Process postmaster;
    private volatile boolean supervising = true;
    private final ScheduledExecutorService launcher = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void startTheStandIn() throws IOException {
        for (String id : IDS) {
            components.put(id, sleep());
        }
        startPostmaster();
        writeProperties();
        launcher.scheduleWithFixedDelay(this::supervise, 20, 20, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stopIt() {
        launcher.shutdownNow();
        all.forEach(Process::destroyForcibly);
    }

    private Process sleep() {
        try {
            Process process = new ProcessBuilder("sleep", "300").start();
            all.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startPostmaster() throws IOException {
        postmaster = sleep();
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), postmaster.pid() + "\n" + dataDir + "\n");
    }

    private synchronized void supervise() {
        try {
            if (!postmaster.isAlive() && components.get("postgres").isAlive()) {
                components.get("postgres").destroyForcibly().waitFor(); // the node follows its postmaster
            }
            if (!supervising) {
                return;
            }
            boolean changed = false;
            for (String id : IDS) {
                if (!components.get(id).isAlive()) {
                    components.put(id, sleep());
                    if (id.equals("postgres")) {
                        startPostmaster();
                    }
                    changed = true;
                }
            }
            if (changed) {
                writeProperties();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeProperties() throws IOException {
        StringBuilder text = new StringBuilder("launcher.pid=" + ProcessHandle.current().pid() + "\n");
        components.forEach((id, process) -> text.append(id).append(".pid=").append(process.pid()).append('\n'));
        Path temp = dataDir.resolve(SystemProperties.FILE + ".tmp");
        Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
        Files.move(temp, dataDir.resolve(SystemProperties.FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private LocalProcessDriver driver(Duration timeout) {
        return new LocalProcessDriver(dataDir, part -> true, timeout, Duration.ofMillis(10));
    }

    @Test
    void aKilledServiceIsBackWhenTheLauncherRecordedANewPid() throws InterruptedException {
        Process before = components.get("command-service");
        LocalProcessDriver driver = driver(Duration.ofSeconds(10));
        assertThat(driver.kill(Part.COMMAND)).isEqualTo("kill -9 of the command service (pid " + before.pid() + ")");
        assertThat(before.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(before.exitValue()).as("SIGKILL").isEqualTo(128 + 9);
        String back = driver.recover(Part.COMMAND);
        assertThat(back).startsWith("started again by the launcher").doesNotContain(Long.toString(before.pid()));
        assertThat(SystemProperties.read(dataDir).pid("command-service")).isNotEmpty().isNotEqualTo(before.pid());
    }

    @Test
    void aPostgresCrashKillsThePostmasterAndWaitsForANewNode() throws InterruptedException {
        Process node = components.get("postgres");
        Process server = postmaster;
        LocalProcessDriver driver = driver(Duration.ofSeconds(10));
        assertThat(driver.kill(Part.POSTGRES)).isEqualTo("kill -9 of the postmaster (pid " + server.pid() + ")");
        assertThat(server.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(128 + 9);
        driver.recover(Part.POSTGRES);
        // The driver saw the node end (gone or a zombie); this JVM's reaper marks the Process ended a moment later.
        assertThat(node.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(SystemProperties.read(dataDir).pid("postgres").getAsLong()).isNotEqualTo(node.pid());
    }

    @Test
    void aStopIsASigtermAwaitedUntilTheProcessEnds() throws InterruptedException {
        Process before = components.get("kafka");
        String stopped = driver(Duration.ofSeconds(10)).stop(Part.KAFKA);
        assertThat(stopped).isEqualTo("stopped the Kafka (pid " + before.pid() + ", SIGTERM)");
        assertThat(Processes.alive(before.pid())).as("ended (gone or a zombie) when stop returned").isFalse();
        assertThat(before.waitFor(10, TimeUnit.SECONDS)).as("ended, once this JVM's reaper has seen it").isTrue();
        assertThat(before.exitValue()).as("SIGTERM").isEqualTo(128 + 15);
    }

    @Test
    void aLauncherThatNeverBringsItBackIsAClearError() {
        supervising = false;
        LocalProcessDriver driver = driver(Duration.ofMillis(300));
        driver.kill(Part.MONGO);
        assertThatThrownBy(() -> driver.recover(Part.MONGO)).hasMessageContaining("was not running and ready again within")
                .hasMessageContaining("is ./run local still running?");
    }

    @Test
    void afterAFaultEveryPartIsAwaitedUntilItRunsAndAnswers() throws InterruptedException {
        LocalProcessDriver driver = driver(Duration.ofSeconds(10));
        assertThat(driver.ensureAllRunning()).isNull();
        supervising = false;
        Process query = components.get("query-service");
        query.destroyForcibly().waitFor();
        supervising = true;
        assertThat(driver.ensureAllRunning()).isEqualTo("waited for the launcher to bring back [QUERY]");
    }

    @Test
    void aPartThatRunsButDoesNotAnswerIsNotBack() {
        LocalProcessDriver notReady = new LocalProcessDriver(dataDir, part -> part != Part.QUERY, Duration.ofMillis(300),
                Duration.ofMillis(10));
        notReady.kill(Part.QUERY);
        assertThatThrownBy(() -> notReady.recover(Part.QUERY)).hasMessageContaining("query service was not running and ready");
    }
}
