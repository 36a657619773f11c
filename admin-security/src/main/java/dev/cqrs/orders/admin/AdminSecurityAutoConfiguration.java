package dev.cqrs.orders.admin;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * HTTP Basic, stateless, for /admin/** and /actuator/** (health probes excepted), with the operators of
 * ADMIN_USERS; replaces Spring Boot's default user and filter chain.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(AdminSecurityProperties.class)
public class AdminSecurityAutoConfiguration {

    /** Public so that probes and load balancers need no credentials; details are shown only when authorized. */
    static final String[] PUBLIC_HEALTH = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"};

    private static final Logger log = LoggerFactory.getLogger(AdminSecurityAutoConfiguration.class);

    /** Before the public API's chain, which takes every request this one leaves. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    SecurityFilterChain adminSecurityFilterChain(HttpSecurity http, AdminSecurityProperties properties) throws Exception {
        UnauthorizedProblem unauthorized = new UnauthorizedProblem();
        if (!properties.protectEverything()) {
            // The public APIs never pass through Spring Security: their answers (headers included) stay as they were.
            http.securityMatcher("/admin/**", "/actuator/**", AdminApiDocsAutoConfiguration.PATH);
        }
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC_HEALTH).permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(UnauthorizedProblem.REALM).authenticationEntryPoint(unauthorized))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized));
        return StatelessChains.build(http);
    }

    @Bean
    UserDetailsService adminUserDetailsService(AdminSecurityProperties properties) {
        List<AdminUser> users = AdminUsers.parse(properties.users());
        if (users.isEmpty()) {
            log.warn("ADMIN_USERS is empty: every /admin and protected /actuator request will be refused with 401."
                    + " Set ADMIN_USERS=name:password[,name2:password2] (a password may be {bcrypt}<hash>);"
                    + " in Kubernetes put it in the Secret orders-admin.");
        } else {
            log.info("admin access for {} operator(s): {}", users.size(), users.stream().map(AdminUser::name).toList());
        }
        List<UserDetails> details = users.stream()
                .map(user -> User.withUsername(user.name()).password(user.encodedPassword()).roles("ADMIN").build())
                .map(UserDetails.class::cast)
                .toList();
        // Only the lookup: a store Spring Security can update (a UserDetailsPasswordService) gets plain passwords
        // re-encoded with bcrypt on first use, and every later request then pays a bcrypt check.
        InMemoryUserDetailsManager store = new InMemoryUserDetailsManager(details);
        return store::loadUserByUsername;
    }

    @Bean
    PasswordEncoder adminPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Picked up by Spring Security's FilterChainProxy for requests its firewall refuses. */
    @Bean
    RequestRejectedHandler adminRequestRejectedHandler() {
        return new RejectedRequestProblem();
    }

    @Bean
    AdminAudit adminAudit() {
        return new AdminAudit();
    }
}
