package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Reading application.yml: the facts the cross-checks rely on. */
class SpringServiceConfigTest {

    @Test
    void readsPlaceholdersPortGroupsAndExposure() {
        SpringServiceConfig config = SpringServiceConfig.parse("""
                # ${IN_A_COMMENT:x} is not read
                server:
                  port: ${HTTP_PORT:9001}
                spring:
                  datasource:
                    url: ${DB_URL:jdbc:postgresql://127.0.0.1:5432/orders}
                    password: ${DB_PASSWORD:}
                  lifecycle:
                    timeout-per-shutdown-phase: 20s
                  application:
                    name: x
                management:
                  endpoints.web.exposure.include: health,prometheus
                  endpoint:
                    health:
                      probes:
                        enabled: true
                      group:
                        custom:
                          include: db
                  metrics.tags.application: ${spring.application.name}
                nested: ${OUTER:${INNER:1}}
                """);
        assertThat(config.envNames()).containsExactlyInAnyOrder("HTTP_PORT", "DB_URL", "DB_PASSWORD", "OUTER", "INNER");
        assertThat(config.envDefaults()).containsEntry("DB_URL", "jdbc:postgresql://127.0.0.1:5432/orders")
                .containsEntry("DB_PASSWORD", "");
        assertThat(config.portEnvName()).isEqualTo("HTTP_PORT");
        assertThat(config.port()).isEqualTo(9001);
        assertThat(config.managementPort()).isEqualTo(9001);
        assertThat(config.healthGroups()).containsExactlyInAnyOrder("liveness", "readiness", "custom");
        assertThat(config.healthGroupOf("/actuator/health/readiness")).isEqualTo("readiness");
        assertThat(config.healthGroupOf("/actuator/health/other")).isNull();
        assertThat(config.exposes("prometheus")).isTrue();
        assertThat(config.shutdownPhaseTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void withoutProbesThereAreNoLivenessAndReadinessGroups() {
        SpringServiceConfig config = SpringServiceConfig.parse("server.port: 8080\n");
        assertThat(config.healthGroups()).isEmpty();
        assertThat(config.portEnvName()).isNull();
        assertThat(config.exposes("health")).isTrue();
        assertThat(config.exposes("prometheus")).isFalse();
    }

    @Test
    void theRealServicesOfferWhatTheManifestsUse() {
        for (ServiceModule module : ServiceModule.all()) {
            assertThat(module.config().healthGroups()).as(module.name()).contains("liveness", "readiness");
            assertThat(module.config().envNames()).as(module.name()).contains(AdminCredential.VARIABLE);
            assertThat(module.needsAdminCredential()).as(module.name() + " depends on admin-security").isTrue();
        }
        for (ServiceModule module : ServiceModule.services()) {
            assertThat(module.config().envNames()).as(module.name()).contains("KAFKA_BOOTSTRAP_SERVERS", "ORDERS_TOPIC");
        }
        assertThat(ServiceModule.load("order-command-service").config().port()).isEqualTo(8081);
        assertThat(ServiceModule.load("order-query-service").config().port()).isEqualTo(8082);
        ServiceModule console = ServiceModule.load("ops-console");
        assertThat(console.config().port()).isEqualTo(8083);
        assertThat(console.config().envNames()).contains("CONSOLE_PORT", "COMMAND_SERVICE_URL", "QUERY_SERVICE_URL");
    }
}
