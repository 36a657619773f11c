package dev.cqrs.orders.command.order;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import dev.cqrs.orders.command.outbox.OutboxWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/** A unit of work as one PostgreSQL transaction: the order, its items and its outbox rows commit together. */
@Component
class JdbcUnitOfWork implements UnitOfWork {

    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final OutboxWriter outbox;
    private final Clock clock;

    JdbcUnitOfWork(PlatformTransactionManager transactionManager, JdbcTemplate jdbc, OutboxWriter outbox, Clock clock) {
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public <T> T execute(Function<Orders, T> work) {
        try {
            // PostgreSQL keeps microseconds; truncating here keeps the row, the event and the read side equal.
            return transaction.execute(status -> work.apply(
                    new JdbcOrders(jdbc, outbox, clock.instant().truncatedTo(ChronoUnit.MICROS))));
        } catch (TransactionSystemException e) {
            throw StoreFailures.translate(e);
        }
    }
}
