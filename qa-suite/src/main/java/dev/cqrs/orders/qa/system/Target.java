package dev.cqrs.orders.qa.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import dev.cqrs.orders.qa.audit.JdbcAccess;
import dev.cqrs.orders.qa.http.BearerToken;

/**
 * The system under test as the suite reaches it: the two services, and what else the target lets it see.
 *
 * @param description    for the report: what it is and where
 * @param adminAuth      {@code user:password} of an operator (the query service's /admin API), or null
 * @param kafkaBootstrap Kafka, for the exact lag, the topic audit and rewinds; or null
 * @param jdbc           PostgreSQL, for the write-model audit (read-only, the run's orders only); or null
 * @param ownedBySuite   whether the suite started it (then faults need no opt-in)
 * @param apiToken       the bearer token for both public APIs (staff: the suite reads every customer's orders), or
 *                       {@link BearerToken#none()} for a deployment without authentication
 */
public record Target(String description, String commandUrl, String queryUrl, String adminAuth, String kafkaBootstrap,
                     JdbcAccess jdbc, boolean ownedBySuite, BearerToken apiToken) {

    public Target {
        commandUrl = trimSlash(commandUrl);
        queryUrl = trimSlash(queryUrl);
        apiToken = apiToken == null ? BearerToken.none() : apiToken;
    }

    /** {@code Authorization} for the admin API: {@code Basic base64(user:password)}. */
    public Optional<String> adminAuthorization() {
        return Optional.ofNullable(adminAuth)
                .map(auth -> "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
    }

    public Optional<String> kafka() {
        return Optional.ofNullable(kafkaBootstrap);
    }

    public Optional<JdbcAccess> database() {
        return Optional.ofNullable(jdbc);
    }

    private static String trimSlash(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a target needs the URLs of both services");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Never the credentials. */
    @Override
    public String toString() {
        return description;
    }
}
