package dev.cqrs.orders.query.web;

/** The request clashes with work in progress, e.g. a rebuild that is already running: answered with 409. */
public class ConflictException extends RuntimeException {

    private final String title;

    public ConflictException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
