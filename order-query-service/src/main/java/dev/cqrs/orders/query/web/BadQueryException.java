package dev.cqrs.orders.query.web;

/** The client asked something malformed (a bad parameter, a cursor we did not issue): answered with 400. */
public class BadQueryException extends RuntimeException {

    private final String title;

    public BadQueryException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
