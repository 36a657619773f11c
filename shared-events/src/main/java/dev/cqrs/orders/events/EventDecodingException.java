package dev.cqrs.orders.events;

/** A message that is not a valid event of this contract: bad JSON, an unknown type, or a broken invariant. */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventDecodingException(String message) {
        super(message);
    }
}
