package dev.cqrs.orders.query.web;

/** The thing asked for is not in the read model (or not yet): answered with 404. */
public class NotFoundException extends RuntimeException {

    private final String title;

    public NotFoundException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
