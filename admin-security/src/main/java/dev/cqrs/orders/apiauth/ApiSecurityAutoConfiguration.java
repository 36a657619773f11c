package dev.cqrs.orders.apiauth;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.DispatcherType;

import dev.cqrs.orders.admin.AdminSecurityAutoConfiguration;
import dev.cqrs.orders.admin.StatelessChains;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The public APIs as OAuth2 resource servers (API_AUTH_ENABLED, on by default in both services): every request but
 * the published contract needs a JWT bearer token that Spring Boot's decoder accepts (key, issuer and audiences from
 * {@code spring.security.oauth2.resourceserver.jwt.*}), with orders:read to query and orders:write to command. The
 * admin chain, ordered first, keeps /admin and /actuator. Without the property (the ops console) nothing changes.
 */
@AutoConfiguration(after = AdminSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityAutoConfiguration.class);

    static final String NO_KEY = "API_AUTH_ENABLED=true but no way to check tokens is configured: set"
            + " SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI (your issuer's JWK set),"
            + " SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI or"
            + " SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION (./run local does this for you)."
            + " API_AUTH_ENABLED=false opens the API to anyone who can reach it.";

    /** The contract is public so that client teams can generate code from it; the admin group stays protected. */
    private static final String[] PUBLIC = {"/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**",
            "/error"};

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "orders.api.auth.enabled")
    static class Enabled {

        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> decoders,
                                                   WarmUpTokens warmUpTokens) throws Exception {
            JwtDecoder decoder = decoders.getIfAvailable();
            if (decoder == null) {
                throw new IllegalStateException(NO_KEY);
            }
            BearerProblems problems = new BearerProblems();
            String read = ApiScopes.authority(ApiScopes.READ);
            http.authorizeHttpRequests(requests -> requests
                            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                            .requestMatchers(PUBLIC).permitAll()
                            .requestMatchers(HttpMethod.GET).hasAuthority(read)
                            .requestMatchers(HttpMethod.HEAD).hasAuthority(read)
                            .anyRequest().hasAuthority(ApiScopes.authority(ApiScopes.WRITE)))
                    .oauth2ResourceServer(server -> server
                            // Grants before the cache, so that a closed grant is refused at once.
                            .jwt(jwt -> jwt.decoder(warmUpTokens.before(new VerifiedTokens(decoder, Instant::now))))
                            .authenticationEntryPoint(problems)
                            .accessDeniedHandler(problems))
                    .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
            return StatelessChains.build(http);
        }

        @Bean
        WarmUpTokens warmUpTokens() {
            return new WarmUpTokens(Instant::now);
        }

        /** Picked up by Spring Boot's decoder next to its time, issuer and audience checks. */
        @Bean
        OAuth2TokenValidator<Jwt> subjectRequired() {
            OAuth2Error missing = new OAuth2Error("invalid_token", "The token has no subject (sub)", null);
            return jwt -> jwt.getSubject() == null || jwt.getSubject().isBlank()
                    ? OAuth2TokenValidatorResult.failure(missing) : OAuth2TokenValidatorResult.success();
        }

        @Bean
        WebMvcConfigurer apiCallerResolver() {
            return callers(new CallerArgumentResolver(true));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "orders.api.auth.enabled", havingValue = false)
    static class Disabled {

        @Bean
        WebMvcConfigurer apiCallerResolver() {
            log.warn("API_AUTH_ENABLED=false: the public API needs no token; anyone who can reach this port can read"
                    + " and change every order. Only for a trusted network.");
            return callers(new CallerArgumentResolver(false));
        }
    }

    private static WebMvcConfigurer callers(CallerArgumentResolver resolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(resolver);
            }
        };
    }
}
