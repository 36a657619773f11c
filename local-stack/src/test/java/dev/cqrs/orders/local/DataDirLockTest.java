package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One launcher per data directory, and a lock that its holder's death releases. */
class DataDirLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondLauncherIsRefusedWithTheHoldersPid() throws Exception {
        try (DataDirLock first = DataDirLock.await(dataDir, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> DataDirLock.await(dataDir, Duration.ofMillis(300)))
                    .hasMessageContaining("another launcher (pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining("DATA_DIR " + dataDir);
        }
        try (DataDirLock again = DataDirLock.await(dataDir, Duration.ofMillis(300))) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aHolderKilledWithSigkillLeavesNoLockBehind() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(5))).isEqualTo("held\n".substring(0, 5));
            assertThatThrownBy(() -> DataDirLock.await(dataDir, Duration.ofMillis(300)))
                    .hasMessageContaining("another launcher (pid " + holder.pid() + ")");
        } finally {
            holder.destroyForcibly().waitFor();
        }

        try (DataDirLock lock = DataDirLock.await(dataDir, Duration.ofSeconds(5))) {
            assertThat(lock).isNotNull();
        }
    }

    /** Takes the lock in a JVM of its own, says so, and holds it until killed. */
    static final class HoldMain {
        public static void main(String[] args) throws Exception {
            DataDirLock lock = DataDirLock.await(Path.of(args[0]), Duration.ofSeconds(5));
            System.out.println("held");
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await(); // holds the lock until killed
            lock.close();
        }
    }
}
