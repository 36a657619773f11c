package dev.cqrs.orders.apiauth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.api.auth.*}: whether the public APIs need a bearer token (env API_AUTH_ENABLED). The token's key,
 * issuer and audiences are Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.*}.
 */
@ConfigurationProperties("orders.api.auth")
public record ApiSecurityProperties(boolean enabled) {
}
