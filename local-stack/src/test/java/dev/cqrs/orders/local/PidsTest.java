package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pid files and the orphan PostgreSQL check, on processes this test controls. */
class PidsTest {

    @TempDir
    Path dir;

    @Test
    void readsAndWritesPidFiles() throws Exception {
        Path file = dir.resolve("pids/x.pid");
        Pids.write(file, 1234);
        assertThat(Pids.read(file)).hasValue(1234);
        Files.writeString(file, "garbage\n");
        assertThat(Pids.read(file)).isEmpty();
        assertThat(Pids.read(dir.resolve("none.pid"))).isEmpty();
    }

    @Test
    void aLivePidCountsOnlyWhileItIsTheSameProcess() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Path file = dir.resolve("pids/s.pid");
            Pids.write(file, sleeper.pid());
            assertThat(Files.readAllLines(file)).hasSize(2);
            assertThat(Pids.readLive(file)).hasValue(sleeper.pid());
            Files.writeString(file, sleeper.pid() + "\n42\n");
            assertThat(Pids.readLive(file)).as("another start time: the pid was reused").isEmpty();
            Files.writeString(file, sleeper.pid() + "\n");
            assertThat(Pids.readLive(file)).as("an old pid file without a start time").hasValue(sleeper.pid());
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
        assertThat(Pids.readLive(dir.resolve("pids/s.pid"))).isEmpty();
    }

    @Test
    void terminatesAProcessWithSigterm() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        assertThat(Pids.alive(sleeper.pid())).isTrue();
        assertThat(Pids.terminate(sleeper.pid(), Duration.ofSeconds(10))).isTrue();
        assertThat(sleeper.waitFor()).isEqualTo(143);
    }

    @Test
    void aPostmasterPidOfADeadProcessIsLeftForPostgresToRecover() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve("postmaster.pid"), gone.pid() + "\n" + dir + "\n");
        assertThat(OrphanPostgres.stopIfRunning(dir)).isFalse();
        assertThat(dir.resolve("postmaster.pid")).exists();
    }

    @Test
    void aPostmasterPidNamingSomethingElseIsRemoved() throws Exception {
        Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n");
        assertThat(OrphanPostgres.stopIfRunning(dir)).isFalse();
        assertThat(dir.resolve("postmaster.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }
}
