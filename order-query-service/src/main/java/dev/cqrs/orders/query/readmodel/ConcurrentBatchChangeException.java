package dev.cqrs.orders.query.readmodel;

/**
 * A batch's conditional writes did not all take effect, because another writer changed some of its orders between the
 * read and the bulk write. Nothing is lost: the caller applies the batch event by event, where each write is checked.
 */
public class ConcurrentBatchChangeException extends RuntimeException {

    public ConcurrentBatchChangeException(String message) {
        super(message);
    }
}
