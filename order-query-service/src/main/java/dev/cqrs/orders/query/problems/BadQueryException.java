package dev.cqrs.orders.query.problems;

/** The client asked something malformed (a bad parameter, a cursor we did not issue): answered with 400. */
public class BadQueryException extends ProblemException {

    public BadQueryException(String title, String detail) {
        super(title, detail);
    }
}
