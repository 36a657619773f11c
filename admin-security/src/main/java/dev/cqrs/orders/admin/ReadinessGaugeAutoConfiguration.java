package dev.cqrs.orders.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * The gauge {@value #NAME}: 1 while the service's readiness group is UP, else 0 (NaN without a readiness group), so that
 * alerts see a pod that is up but not ready without kube-state-metrics. Spring Boot's how-to "Map Health Indicators to
 * Micrometer Metrics", for the readiness group; every scrape asks the group's indicators afresh.
 */
@AutoConfiguration
@ConditionalOnClass({HealthEndpoint.class, MeterRegistry.class})
public class ReadinessGaugeAutoConfiguration {

    static final String NAME = "orders.ready";

    @Bean
    MeterBinder readinessGauge(ObjectProvider<HealthEndpoint> health) {
        return registry -> Gauge.builder(NAME, health, ReadinessGaugeAutoConfiguration::ready)
                .description("1 while the readiness probe's health group is UP (the service takes traffic), else 0")
                .register(registry);
    }

    private static double ready(ObjectProvider<HealthEndpoint> health) {
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthDescriptor readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
        return readiness == null ? Double.NaN : Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}
