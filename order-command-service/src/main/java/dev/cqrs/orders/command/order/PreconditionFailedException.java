package dev.cqrs.orders.command.order;

import java.util.OptionalLong;
import java.util.UUID;

/** The order is no longer at the version the client's If-Match named: answered with 412, and nothing changed. */
public class PreconditionFailedException extends RuntimeException {

    private static final String ADVICE = "; read it again and decide whether the command still applies";

    private final OptionalLong currentVersion;

    private PreconditionFailedException(String message, OptionalLong currentVersion) {
        super(message + ADVICE);
        this.currentVersion = currentVersion;
    }

    static PreconditionFailedException at(UUID orderId, ExpectedVersion expected, long currentVersion) {
        return new PreconditionFailedException("order " + orderId + " is at version " + currentVersion + ", which If-Match "
                + describe(expected) + " does not name", OptionalLong.of(currentVersion));
    }

    static PreconditionFailedException movedOn(UUID orderId, ExpectedVersion expected) {
        return new PreconditionFailedException("order " + orderId + " was changed by another command while this one ran,"
                + " so it is no longer at If-Match " + describe(expected), OptionalLong.empty());
    }

    private static String describe(ExpectedVersion expected) {
        return expected.versions().isEmpty() ? "(weak entity tags only, which never match)" : expected.versions().toString();
    }

    /** The version the order was at when the command was refused; empty when a concurrent command moved it. */
    public OptionalLong currentVersion() {
        return currentVersion;
    }
}
