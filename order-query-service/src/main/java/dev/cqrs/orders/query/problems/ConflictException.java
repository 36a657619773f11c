package dev.cqrs.orders.query.problems;

/** The request clashes with work in progress, e.g. a rebuild that is already running: answered with 409. */
public class ConflictException extends ProblemException {

    public ConflictException(String title, String detail) {
        super(title, detail);
    }
}
