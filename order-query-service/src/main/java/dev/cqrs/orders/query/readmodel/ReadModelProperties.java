package dev.cqrs.orders.query.readmodel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operational settings shared by all read models, bound from {@code orders.query.read-models.*}.
 *
 * @param aliasRefreshInterval how often each replica re-reads which generation a read model serves from
 * @param lagPollInterval      how often consumer lag (end offset minus committed offset) is measured
 */
@ConfigurationProperties("orders.query.read-models")
public record ReadModelProperties(Duration aliasRefreshInterval, Duration lagPollInterval) {

    public ReadModelProperties {
        if (aliasRefreshInterval == null || lagPollInterval == null
                || aliasRefreshInterval.isNegative() || aliasRefreshInterval.isZero()
                || lagPollInterval.isNegative() || lagPollInterval.isZero()) {
            throw new IllegalArgumentException("orders.query.read-models.alias-refresh-interval and lag-poll-interval "
                    + "must be positive, got " + aliasRefreshInterval + " and " + lagPollInterval);
        }
    }
}
