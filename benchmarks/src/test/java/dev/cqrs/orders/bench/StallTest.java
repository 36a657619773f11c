package dev.cqrs.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** What a stall's diagnosis keeps of a thread dump and of a service's log. */
class StallTest {

    @Test
    void keepsTheListenerThreadsOfARealThreadDumpWithTheirTopFrames() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread listener = new Thread(() -> waitInAProjection(release), "order-view-0-C-1");
        listener.start();
        try {
            String dump = Jcmd.run(ProcessHandle.current().pid(), "Thread.print");

            String kept = Stall.watchedThreads(dump);

            assertThat(kept).contains("\"order-view-0-C-1\"").contains("WAITING").contains("waitInAProjection")
                    .doesNotContain("\"main\"").doesNotContain("nid=").doesNotContain("tid=");
        } finally {
            release.countDown();
            listener.join();
        }
    }

    @Test
    void aDumpWithoutListenersSaysSo() {
        assertThat(Stall.watchedThreads("\"main\" #1 prio=5\n   java.lang.Thread.State: RUNNABLE\n"))
                .isEqualTo("no listener or relay threads in 2 lines of jcmd output");
    }

    @Test
    void keepsTheLastEightWarningsAndErrorsOfTheLog() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            log.append("t  INFO 1 --- fine ").append(i).append('\n');
            log.append("t  WARN 1 --- warning ").append(i).append('\n');
        }
        log.append("t ERROR 1 --- ").append("x".repeat(500)).append('\n');

        String kept = Stall.problems(log.toString());

        assertThat(kept).startsWith("13 WARN/ERROR lines in its last 2,000; the last 8:").contains("warning 11")
                .contains("warning 5").doesNotContain("warning 4").doesNotContain("fine").contains(" …");
    }

    private static void waitInAProjection(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
