package dev.cqrs.orders.events;

/** The message names an event type this build does not know (a newer producer, or a foreign message). */
public class UnknownEventTypeException extends EventDecodingException {

    public UnknownEventTypeException(String message) {
        super(message);
    }
}
