package dev.cqrs.orders.qa.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void spacesReservationsEvenly() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        RateLimit limit = new RateLimit(100, now::get);
        assertThat(limit.reserve()).isZero();
        now.addAndGet(2_000_000); // 2 ms later
        assertThat(limit.reserve()).isEqualTo(Duration.ofMillis(8));
        assertThat(limit.reserve()).isEqualTo(Duration.ofMillis(18));
        now.addAndGet(100_000_000); // idle for a while: no burst is saved up
        assertThat(limit.reserve()).isZero();
        assertThat(limit.reserve()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimit limit = new RateLimit(0);
        for (int i = 0; i < 100; i++) {
            assertThat(limit.reserve()).isZero();
        }
    }
}
