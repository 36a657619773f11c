package dev.cqrs.orders.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;

/**
 * PostgreSQL stopped in the middle of a command (ApiExamplesIT met it in CI): the statement fails on the broken
 * connection, the rollback too, and Spring throws the rollback's exception. That is 503 with Retry-After, not 500.
 */
class StoreUnavailableProblemTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void aRollbackThatFailedOnALostConnectionIs503() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        rollback.initApplicationException(new DataAccessResourceFailureException("An I/O error occurred"));

        ResponseEntity<ProblemDetail> answer = advice.transactionFailed(rollback);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }

    @Test
    void aLostConnectionWithoutTheStatementsExceptionIs503Too() {
        TransactionSystemException commit = new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("Connection is closed", "08003"));

        assertThat(advice.transactionFailed(commit).getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void anyOtherTransactionFailureStaysA500() {
        TransactionSystemException other = new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("serialization failure", "40001"));

        assertThat(advice.transactionFailed(other).getStatusCode().value()).isEqualTo(500);
    }
}
