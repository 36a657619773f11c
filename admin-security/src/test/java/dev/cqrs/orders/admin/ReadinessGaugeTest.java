package dev.cqrs.orders.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** orders.ready follows the readiness group: 1 while it is UP, 0 once the application refuses traffic. */
@SpringBootTest(classes = AdminSecurityTest.App.class, properties = {"orders.admin.users=alice:wonderland", "management.endpoint.health.probes.enabled=true"})
class ReadinessGaugeTest {

    @Autowired
    MeterRegistry registry;

    @Autowired
    ApplicationContext context;

    @Test
    void theGaugeIsOneWhileReadyAndZeroOnceTheServiceRefusesTraffic() {
        assertThat(ready()).isEqualTo(1.0);

        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            assertThat(ready()).isEqualTo(0.0);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(ready()).isEqualTo(1.0);
    }

    private double ready() {
        return registry.get(ReadinessGaugeAutoConfiguration.NAME).gauge().value();
    }
}
