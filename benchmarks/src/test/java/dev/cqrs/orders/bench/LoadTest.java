package dev.cqrs.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class LoadTest {

    @Test
    void fixedRateChargesAStallToEveryRequestItDelayed() throws Exception {
        Latencies latencies = new Latencies();
        AtomicBoolean stalled = new AtomicBoolean();
        // 200/s for 1 s from one worker: a single 300 ms stall delays the ~60 requests due meanwhile.
        Load.FixedRateResult result = Load.fixedRate(200, Duration.ofSeconds(1), 1, (index, intended) -> {
            if (index == 20 && stalled.compareAndSet(false, true)) {
                Thread.sleep(300);
            }
            latencies.recordNanos(System.nanoTime() - intended);
        });

        assertThat(result.done()).isEqualTo(200);
        assertThat(latencies.count()).isEqualTo(200);
        // Measured from the intended time, far more than the one stalled request is slow (coordinated omission).
        assertThat(latencies.ms(75)).isGreaterThan(50);
        assertThat(latencies.maxMs()).isGreaterThanOrEqualTo(290);
    }

    @Test
    void closedLoopCountsOnlyTheMeasuredWindow() throws Exception {
        Load.ClosedLoopResult result = Load.closedLoop(2, Duration.ofMillis(200), Duration.ofMillis(500), client -> () -> {
            Thread.sleep(10);
            return true;
        });

        assertThat(result.clients()).isEqualTo(2);
        // Two clients at ~100 ops/s each for 0.5 s; sleep granularity on a loaded machine makes it fewer, never more.
        assertThat(result.ops()).isBetween(20L, 100L);
        assertThat(result.rate()).isBetween(40.0, 200.0);
        assertThat(result.latencies().p50()).isGreaterThanOrEqualTo(10);
    }
}
