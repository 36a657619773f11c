package dev.cqrs.orders.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class DelayReportTest {

    private static List<Duration> millis(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofMillis).toList();
    }

    @Test
    void theMedianIsTheNearestRank() {
        assertThat(DelayReport.percentile(millis(1, 2, 3), 50)).isEqualTo(Duration.ofMillis(2));
        assertThat(DelayReport.percentile(millis(1, 2, 3, 4), 50)).isEqualTo(Duration.ofMillis(2));
        assertThat(DelayReport.percentile(millis(7), 50)).isEqualTo(Duration.ofMillis(7));
        assertThat(DelayReport.percentile(millis(1, 2, 3, 4), 100)).isEqualTo(Duration.ofMillis(4));
    }

    @Test
    void noDelaysIsAnError() {
        assertThatThrownBy(() -> DelayReport.percentile(List.of(), 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsMoneyAndMillis() {
        assertThat(DelayReport.money(4748, "EUR")).isEqualTo("EUR 47.48");
        assertThat(DelayReport.money(5, "USD")).isEqualTo("USD 0.05");
        assertThat(DelayReport.millis(Duration.ofNanos(12_345_000))).isEqualTo("12.3");
    }
}
