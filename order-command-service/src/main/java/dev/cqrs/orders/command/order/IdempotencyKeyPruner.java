package dev.cqrs.orders.command.order;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes idempotency keys older than the retention, so that the table stays small. */
@Component
class IdempotencyKeyPruner {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPruner.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    IdempotencyKeyPruner(JdbcTemplate jdbc, Clock clock, @Value("${orders.idempotency.retention}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${orders.idempotency.prune-interval}", initialDelayString = "${orders.idempotency.prune-interval}")
    int prune() {
        int deleted = jdbc.update("DELETE FROM idempotency_keys WHERE created_at < ?", Timestamp.from(clock.instant().minus(retention)));
        if (deleted > 0) {
            log.info("Pruned {} idempotency keys older than {}", deleted, retention);
        }
        return deleted;
    }
}
