package dev.cqrs.orders.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.admin.*}: the operators (env ADMIN_USERS) and whether every path, not only /admin and /actuator,
 * needs them (the ops console protects its page too).
 */
@ConfigurationProperties("orders.admin")
public record AdminSecurityProperties(String users, boolean protectEverything) {
}
