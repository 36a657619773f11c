package dev.cqrs.orders.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/**
 * PostgreSQL stopped in the middle of a command: the rollback's exception is the store's absence, which the web layer
 * answers with 503 and Retry-After; any other transaction failure stays as it is.
 */
class StoreFailuresTest {

    @Test
    void aRollbackThatFailedAfterTheStatementLostTheStoreIsTheStoresAbsence() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        rollback.initApplicationException(new DataAccessResourceFailureException("An I/O error occurred"));

        assertThat(StoreFailures.translate(rollback)).isInstanceOf(DataAccessResourceFailureException.class).hasCause(rollback);
    }

    @Test
    void aCommitOnAClosedConnectionIsTheStoresAbsenceToo() {
        TransactionSystemException commit = new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("Connection is closed", "08003"));

        assertThat(StoreFailures.translate(commit)).isInstanceOf(DataAccessResourceFailureException.class);
    }

    @Test
    void anyOtherTransactionFailureStaysAsItIs() {
        TransactionSystemException other = new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("serialization failure", "40001"));

        assertThat(StoreFailures.translate(other)).isSameAs(other);
    }
}
