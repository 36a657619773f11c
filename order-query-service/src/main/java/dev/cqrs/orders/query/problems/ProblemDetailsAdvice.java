package dev.cqrs.orders.query.problems;

import com.mongodb.MongoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem ({@code application/problem+json}): the client's mistakes into 4xx
 * with a detail that says what to change, an unavailable store into 503, and only our own bugs into 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(BadQueryException.class)
    ResponseEntity<Object> badQuery(BadQueryException e, WebRequest request) {
        return problem(e, HttpStatus.BAD_REQUEST, e.title(), e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle(e.title());
        e.properties().forEach(problem::setProperty);
        return handleExceptionInternal(e, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e, WebRequest request) {
        return problem(e, HttpStatus.CONFLICT, e.title(), e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(MongoException.class)
    ResponseEntity<Object> storeUnavailable(MongoException e, WebRequest request) {
        log.warn("Read model query failed ({}): check MongoDB at MONGODB_URI; answering 503", e.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return problem(e, HttpStatus.SERVICE_UNAVAILABLE, "Read model unavailable",
                "The read model store cannot be reached right now; retry shortly.", headers, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error answering {}: this is a bug in the query service", request.getDescription(false), e);
        return problem(e, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The query service failed unexpectedly; the error is logged.", new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "a different type" : e.getRequiredType().getSimpleName();
        return problem(e, HttpStatus.BAD_REQUEST, "Invalid parameter",
                "'" + name + "' must be a valid " + expected + ", got '" + e.getValue() + "'", headers, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        if (body instanceof ProblemDetail) {
            // Fixed rather than negotiated, so that a client sending "Accept: application/json" still sees a problem.
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return super.createResponseEntity(body, problemHeaders, status, request);
    }

    private ResponseEntity<Object> problem(Exception e, HttpStatus status, String title, String detail,
                                           HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return handleExceptionInternal(e, problem, headers, status, request);
    }
}
