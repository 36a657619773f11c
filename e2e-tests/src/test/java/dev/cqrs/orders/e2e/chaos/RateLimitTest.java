package dev.cqrs.orders.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void spacesReservationsEvenly() {
        RateLimit limit = new RateLimit(100);
        Duration first = limit.reserve();
        Duration second = limit.reserve();
        Duration third = limit.reserve();
        assertThat(first).isLessThan(Duration.ofMillis(2));
        assertThat(second).isBetween(Duration.ofMillis(8), Duration.ofMillis(10));
        assertThat(third).isBetween(Duration.ofMillis(18), Duration.ofMillis(20));
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimit limit = new RateLimit(0);
        for (int i = 0; i < 100; i++) {
            assertThat(limit.reserve()).isZero();
        }
    }
}
