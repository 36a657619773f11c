package dev.cqrs.orders.query.readmodel;

/**
 * An event arrived before an earlier event of the same order was applied. It is retried for a while, since the
 * missing event may still come, and then dead-lettered; it is never skipped, which would corrupt the read model.
 */
public class VersionGapException extends RuntimeException {

    private final String orderId;
    private final long eventVersion;
    private final long currentVersion;

    public VersionGapException(String readModel, String orderId, long eventVersion, long currentVersion) {
        super(readModel + ": order " + orderId + " is at version " + currentVersion + (currentVersion == 0 ? " (absent)" : "")
                + " but the event has version " + eventVersion + "; waiting for version " + (currentVersion + 1)
                + " to be applied first");
        this.orderId = orderId;
        this.eventVersion = eventVersion;
        this.currentVersion = currentVersion;
    }

    public String orderId() {
        return orderId;
    }

    public long eventVersion() {
        return eventVersion;
    }

    /** The version the read model holds, 0 when the order is not there at all. */
    public long currentVersion() {
        return currentVersion;
    }
}
