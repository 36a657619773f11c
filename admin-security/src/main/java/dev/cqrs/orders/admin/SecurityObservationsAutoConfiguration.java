package dev.cqrs.orders.admin;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security leaves its filter chain, authentication and authorization unobserved unless
 * {@value #PROPERTY} is true. Its observations time and trace every filter of every request, which cost the command
 * service about 8 % of its CPU per order (docs/benchmark-targets.md), and no metric, alert or dashboard of ours
 * reads them; {@code http.server.requests} still times each request. Unlike Spring Boot's
 * {@code management.observations.enable.spring.security=false}, which turns them into no-ops, these settings keep
 * Security from wrapping its filters at all.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationsAutoConfiguration {

    static final String PROPERTY = "orders.security.observations";

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = PROPERTY, havingValue = "false", matchIfMissing = true)
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
