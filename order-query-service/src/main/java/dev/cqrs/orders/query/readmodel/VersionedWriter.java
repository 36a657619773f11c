package dev.cqrs.orders.query.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies events to a {@link VersionedStore} so that duplicates, stale replays and reordering are harmless: the
 * first event inserts version 1, every later event of version v is a conditional update from version v-1 that
 * records the event id in the same write. A missing predecessor is a {@link VersionGapException}.
 */
public final class VersionedWriter {

    private static final Logger log = LoggerFactory.getLogger(VersionedWriter.class);

    /** A racing writer can move the document between our update and our read; that is re-checked, not guessed. */
    private static final int MAX_ATTEMPTS = 3;

    private final VersionedStore store;
    private final String readModel;

    public VersionedWriter(VersionedStore store, String readModel) {
        this.store = store;
        this.readModel = readModel;
    }

    /** Inserts the document of a new order at version 1, unless it exists already. */
    public ApplyOutcome create(String id, UUID eventId, Document fields) {
        String event = eventId.toString();
        Document document = new Document(VersionedStore.ID, id);
        document.putAll(fields);
        document.put(VersionedStore.VERSION, 1L);
        document.put(VersionedStore.APPLIED_EVENT_IDS, new ArrayList<>(List.of(event)));
        if (store.insertIfAbsent(document)) {
            return ApplyOutcome.APPLIED;
        }
        Document existing = store.find(id).orElseThrow(() -> new IllegalStateException(
                readModel + ": inserting order " + id + " hit a duplicate key, yet the document cannot be read back"));
        if (appliedEventIds(existing).contains(event)) {
            log.debug("{}: creation event {} of order {} was applied before; ignoring the duplicate", readModel, event, id);
            return ApplyOutcome.DUPLICATE;
        }
        log.warn("{}: order {} was already created by another event; ignoring creation event {}. Two creations of one "
                + "order mean the producer broke the contract: compare both events on the topic", readModel, id, event);
        return ApplyOutcome.STALE;
    }

    /** Moves the document from version {@code version - 1} to {@code version}, setting {@code fields}. */
    public ApplyOutcome update(String id, UUID eventId, long version, Document fields) {
        if (version < 2) {
            throw new IllegalArgumentException("only a creation has version 1; got an update at version " + version);
        }
        String event = eventId.toString();
        Document change = new Document(fields).append(VersionedStore.VERSION, version);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (store.updateIfAtVersion(id, version - 1, event, change)) {
                return ApplyOutcome.APPLIED;
            }
            Optional<Document> existing = store.find(id);
            if (existing.isEmpty()) {
                throw new VersionGapException(readModel, id, version, 0);
            }
            long current = versionOf(existing.get());
            if (appliedEventIds(existing.get()).contains(event)) {
                log.debug("{}: event {} (version {}) of order {} was applied before; ignoring the duplicate",
                        readModel, event, version, id);
                return ApplyOutcome.DUPLICATE;
            }
            if (current >= version) {
                log.debug("{}: order {} is at version {}, past event {} (version {}); ignoring the stale event",
                        readModel, id, current, event, version);
                return ApplyOutcome.STALE;
            }
            if (current < version - 1) {
                throw new VersionGapException(readModel, id, version, current);
            }
            // current == version - 1: another writer moved the document after our update; try again.
        }
        throw new IllegalStateException(readModel + ": order " + id + " kept changing while applying event " + event
                + "; is a second consumer writing the same read model outside its consumer group?");
    }

    private static long versionOf(Document document) {
        return ((Number) document.get(VersionedStore.VERSION)).longValue();
    }

    private static List<?> appliedEventIds(Document document) {
        Object ids = document.get(VersionedStore.APPLIED_EVENT_IDS);
        return ids instanceof List<?> list ? list : List.of();
    }
}
