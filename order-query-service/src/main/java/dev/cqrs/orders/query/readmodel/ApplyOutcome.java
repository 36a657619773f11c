package dev.cqrs.orders.query.readmodel;

/** What applying one event did to a read model. */
public enum ApplyOutcome {
    /** The event changed the document. */
    APPLIED,
    /** This very event had been applied before; nothing changed. */
    DUPLICATE,
    /** The document is already past this event's version; nothing changed. */
    STALE
}
