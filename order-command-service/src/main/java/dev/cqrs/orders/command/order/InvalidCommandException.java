package dev.cqrs.orders.command.order;

/** The command itself is malformed: a client mistake, answered with 400. */
public class InvalidCommandException extends RuntimeException {

    public InvalidCommandException(String message) {
        super(message);
    }
}
