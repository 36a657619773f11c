package dev.cqrs.orders.query.readmodel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The documents with these ids that exist, by id. Stores override it to read them in one round trip. */
    default Map<String, Document> findAll(Collection<String> ids) {
        Map<String, Document> found = new LinkedHashMap<>();
        for (String id : ids) {
            find(id).ifPresent(document -> found.put(id, document));
        }
        return found;
    }

    /**
     * Each write exactly as {@link #insertIfAbsent} or {@link #updateIfAtVersion} does it, one after the other in this
     * order; stores override it to send them in one round trip (MongoDB: an ordered bulk write).
     *
     * @return whether every write took effect (inserted, or matched and changed); when not, some may have, and the
     *         store stops at the first insert that finds its document there
     */
    default boolean writeInOrder(List<Write> writes) {
        boolean all = true;
        for (Write write : writes) {
            if (write instanceof Insert insert) {
                if (!insertIfAbsent(insert.document())) {
                    return false;
                }
            } else if (write instanceof Update update
                    && !updateIfAtVersion(update.id(), update.expectedVersion(), update.eventId(), update.fields())) {
                all = false;
            }
        }
        return all;
    }

    /** One conditional write of {@link #writeInOrder}. */
    sealed interface Write permits Insert, Update {
    }

    /** {@link #insertIfAbsent} of this document. */
    record Insert(Document document) implements Write {
    }

    /** {@link #updateIfAtVersion} with these arguments. */
    record Update(String id, long expectedVersion, String eventId, Document fields) implements Write {
    }
}
