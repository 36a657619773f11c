package dev.cqrs.orders.command.web;

import java.net.URI;

import dev.cqrs.orders.command.order.ConcurrencyConflictException;
import dev.cqrs.orders.command.order.IdempotencyKeyReusedException;
import dev.cqrs.orders.command.order.IllegalTransitionException;
import dev.cqrs.orders.command.order.InvalidCommandException;
import dev.cqrs.orders.command.order.OrderNotFoundException;
import dev.cqrs.orders.command.order.PreconditionFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps domain errors to RFC 9457 problem details. Spring's own errors (unreadable JSON, a bad UUID in the path,
 * a wrong media type) come out as problem details through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(InvalidCommandException.class)
    ProblemDetail invalid(InvalidCommandException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-command", "Invalid command", e.getMessage());
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail notFound(OrderNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", e.getMessage());
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ProblemDetail refused(IllegalTransitionException e) {
        return problem(HttpStatus.CONFLICT, "transition-refused", "Transition refused", e.getMessage());
    }

    @ExceptionHandler(ConcurrencyConflictException.class)
    ProblemDetail conflict(ConcurrencyConflictException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                e.getMessage() + "; read the order again and retry if the command still applies");
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ResponseEntity<ProblemDetail> preconditionFailed(PreconditionFailedException e) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed", e.getMessage());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.PRECONDITION_FAILED);
        // The current ETag spares the client a read before it decides again.
        e.currentVersion().ifPresent(version -> answer.eTag(OrderETags.of(version)));
        return answer.body(problem);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail reusedKey(IdempotencyKeyReusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage());
    }

    // A transaction that cannot begin is the usual face of a database that is down: no connection to open it on.
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("Command failed because PostgreSQL is unavailable: {}. Check the database; clients may retry.", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                        "the order store is unavailable; retry later (with the same Idempotency-Key for a create)"));
    }

    /** Whatever else went wrong is ours, not the client's: logged in full, answered as problem+json all the same. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Command failed unexpectedly", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the command failed on the server's side; it is logged");
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
