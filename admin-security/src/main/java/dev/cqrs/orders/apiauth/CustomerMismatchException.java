package dev.cqrs.orders.apiauth;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A customer token that names another customer in a request's body or query: 403 problem+json, which each
 * service's ResponseEntityExceptionHandler renders like any other ErrorResponse.
 */
public class CustomerMismatchException extends ErrorResponseException {

    CustomerMismatchException(String namedCustomerId) {
        super(HttpStatus.FORBIDDEN, problem(namedCustomerId), null);
    }

    private static ProblemDetail problem(String namedCustomerId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "The request names customer '"
                + namedCustomerId + "', but the token speaks for another customer: a customer token may only act for"
                + " and read its own customer id (its subject). Leave the customer out or send your own.");
        problem.setTitle("Customer does not match the token");
        return problem;
    }
}
