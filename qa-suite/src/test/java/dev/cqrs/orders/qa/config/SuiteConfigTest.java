package dev.cqrs.orders.qa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SuiteConfigTest {

    @Test
    void theDefaultsAreTheShortRun() {
        SuiteConfig config = SuiteConfig.from(name -> null);
        assertThat(config.orders()).isEqualTo(150);
        assertThat(config.clients()).isEqualTo(4);
        assertThat(config.faults()).isEqualTo(10);
        assertThat(config.customers()).isEqualTo(4);
        assertThat(config.minOrders()).as("every planned order must be acknowledged").isEqualTo(150);
        assertThat(config.rate()).isEqualTo(40);
        assertThat(config.maxAmbiguousShare()).isEqualTo(0.01);
        assertThat(config.quiescence()).isEqualTo(Duration.ofSeconds(240));
        assertThat(config.seed()).isPositive();
    }

    @Test
    void settingsOverrideTheDefaults() {
        Map<String, String> settings = Map.of("orders", "5_000", "faults", "12", "seed", "7", "clients", "8",
                "quiescenceSeconds", "600", "thinkMs", "0");
        SuiteConfig config = SuiteConfig.from(settings::get);
        assertThat(config.orders()).isEqualTo(5000);
        assertThat(config.minOrders()).isEqualTo(5000);
        assertThat(config.faults()).isEqualTo(12);
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.customers()).isEqualTo(8);
        assertThat(config.quiescence()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.think()).isZero();
    }

    @Test
    void nonsenseIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("orders", "many")::get)).hasMessageContaining("chaos.orders");
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("clients", "0")::get)).hasMessageContaining("clients must be at least 1");
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("rate", "0")::get)).hasMessageContaining("the load is always bounded");
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("orders", "10", "minOrders", "11")::get))
                .hasMessageContaining("minOrders must be between 0 and orders");
    }

    @Test
    void everySettingHasAFlagAndAnEnvironmentVariableDerivedFromItsName() {
        assertThat(Setting.MAX_LOAD_SECONDS.flag()).isEqualTo("--max-load-seconds");
        assertThat(Setting.MAX_LOAD_SECONDS.environmentVariable()).isEqualTo("CHAOS_MAX_LOAD_SECONDS");
        for (Setting setting : Setting.values()) {
            assertThat(SuiteConfig.byKey(setting.key())).isEqualTo(setting);
            assertThat(setting.help()).isNotBlank();
        }
    }
}
