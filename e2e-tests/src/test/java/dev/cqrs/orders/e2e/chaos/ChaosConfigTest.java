package dev.cqrs.orders.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChaosConfigTest {

    @Test
    void theDefaultsAreTheShortRun() {
        ChaosConfig config = ChaosConfig.from(name -> null);
        assertThat(config.orders()).isEqualTo(150);
        assertThat(config.clients()).isEqualTo(4);
        assertThat(config.faults()).isEqualTo(6);
        assertThat(config.customers()).isEqualTo(4);
        assertThat(config.quiescence()).isEqualTo(Duration.ofSeconds(240));
        assertThat(config.seed()).isPositive();
    }

    @Test
    void settingsOverrideTheDefaults() {
        Map<String, String> settings = Map.of("orders", "5_000", "faults", "12", "seed", "7", "clients", "8",
                "quiescenceSeconds", "600", "thinkMs", "0");
        ChaosConfig config = ChaosConfig.from(settings::get);
        assertThat(config.orders()).isEqualTo(5000);
        assertThat(config.faults()).isEqualTo(12);
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.customers()).isEqualTo(8);
        assertThat(config.quiescence()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.think()).isZero();
    }

    @Test
    void nonsenseIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> ChaosConfig.from(Map.of("orders", "many")::get)).hasMessageContaining("chaos.orders");
        assertThatThrownBy(() -> ChaosConfig.from(Map.of("clients", "0")::get)).hasMessageContaining("clients must be at least 1");
    }
}
