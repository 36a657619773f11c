package dev.cqrs.orders.admin;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** What every filter chain of ours shares: credentials on each request, so no session, cookie, CSRF or saved request. */
public final class StatelessChains {

    private StatelessChains() {
    }

    /** Builds the chain after turning off what only a session-based login needs. */
    public static SecurityFilterChain build(HttpSecurity http) throws Exception {
        // Credentials (Basic or a bearer token) on every request and no cookie: nothing for CSRF to ride on.
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .build();
    }
}
