package dev.cqrs.orders.events;

/** The message's schema version is newer than this build reads, or no upcaster leads from it to the current one. */
public class UnsupportedEventVersionException extends EventDecodingException {

    public UnsupportedEventVersionException(String message) {
        super(message);
    }
}
