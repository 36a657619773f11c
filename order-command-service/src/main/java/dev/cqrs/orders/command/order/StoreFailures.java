package dev.cqrs.orders.command.order;

import java.sql.SQLException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionSystemException;

/**
 * PostgreSQL going away in the middle of a unit of work: the statement fails on the broken connection, so does the
 * rollback, and Spring throws the rollback's {@link TransactionSystemException} in place of the statement's
 * translated exception. This says it again as the store's absence, which the web layer answers with 503.
 */
final class StoreFailures {

    private StoreFailures() {
    }

    static RuntimeException translate(TransactionSystemException e) {
        Throwable statement = e.getApplicationException();
        if (statement instanceof DataAccessResourceFailureException || statement instanceof TransientDataAccessException
                || connectionLost(e)) {
            return new DataAccessResourceFailureException("PostgreSQL went away during the transaction: " + e.getMessage(), e);
        }
        return e;
    }

    /** SQLSTATE class 08: connection exception. */
    private static boolean connectionLost(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
