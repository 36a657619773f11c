package dev.cqrs.orders.query.problems;

/** A request {@link ProblemDetailsAdvice} answers with a problem of this title; the message is its detail. */
public abstract class ProblemException extends RuntimeException {

    private final String title;

    protected ProblemException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
