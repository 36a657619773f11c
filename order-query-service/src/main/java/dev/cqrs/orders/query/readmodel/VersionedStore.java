package dev.cqrs.orders.query.readmodel;

import java.util.Optional;

import org.bson.Document;

/**
 * A collection of versioned read-model documents keyed by order id. Both writes are conditional, so that
 * {@link VersionedWriter} can make every event idempotent and order-safe in a single write.
 */
public interface VersionedStore {

    String ID = "_id";
    /** The aggregate version of the last event applied. */
    String VERSION = "version";
    /** The ids of every event applied; an order has only a handful of events, so the list stays small. */
    String APPLIED_EVENT_IDS = "appliedEventIds";

    /** Inserts the document, which carries its {@value #ID}; false when a document with that id exists already. */
    boolean insertIfAbsent(Document document);

    /**
     * Sets {@code fields} and records {@code eventId} in {@value #APPLIED_EVENT_IDS}, in one write, only if the
     * document exists, is at {@code expectedVersion} and has not recorded {@code eventId} yet.
     *
     * @return whether the document was changed
     */
    boolean updateIfAtVersion(String id, long expectedVersion, String eventId, Document fields);

    /** The document with this id, if there is one. */
    Optional<Document> find(String id);
}
