package dev.cqrs.orders.query.readmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies events to a {@link VersionedStore} so that duplicates, stale replays and reordering are harmless: the
 * first event inserts version 1, every later event of version v is a conditional update from version v-1 that
 * records the event id in the same write. A missing predecessor is a {@link VersionGapException}. A batch of events
 * ({@link #applyAll}) costs two round trips: one read of every order it touches, one ordered bulk of the same
 * conditional writes. A batch of one event, the usual one at a light load, costs one: its write, and a read only when
 * the write did not take.
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

    /** One event's write: a creation ({@code version} 1) or an update from {@code version - 1} to {@code version}. */
    public record Change(String id, UUID eventId, long version, Document fields) {

        public static Change creation(String id, UUID eventId, Document fields) {
            return new Change(id, eventId, 1, fields);
        }

        public static Change update(String id, UUID eventId, long version, Document fields) {
            if (version < 2) {
                throw new IllegalArgumentException("only a creation has version 1; got an update at version " + version);
            }
            return new Change(id, eventId, version, fields);
        }
    }

    /** {@link #create} or {@link #update}, as the change says. */
    public ApplyOutcome apply(Change change) {
        return change.version() == 1 ? create(change.id(), change.eventId(), change.fields())
                : update(change.id(), change.eventId(), change.version(), change.fields());
    }

    /**
     * Applies the changes in list order with the outcomes {@link #apply} would give one by one: it reads the orders'
     * documents, decides in memory which changes are duplicates, stale or gaps, and sends the others as one ordered
     * bulk of the very same conditional writes. A gap throws {@link VersionGapException} before anything is written.
     * If a write does not take effect (another writer moved a document meanwhile) it throws
     * {@link ConcurrentBatchChangeException}: some writes may have been applied then, and the caller applies the
     * changes one by one with {@link #apply}, to which those are duplicates.
     */
    public List<ApplyOutcome> applyAll(List<Change> changes) {
        if (changes.size() == 1) {
            return List.of(apply(changes.get(0)));
        }
        Set<String> ids = new LinkedHashSet<>();
        changes.forEach(change -> ids.add(change.id()));
        Map<String, Known> known = new HashMap<>();
        store.findAll(ids).forEach((id, document) -> known.put(id, new Known(versionOf(document),
                new HashSet<>(appliedEventIds(document).stream().map(String::valueOf).toList()))));
        List<ApplyOutcome> outcomes = new ArrayList<>(changes.size());
        List<VersionedStore.Write> writes = new ArrayList<>();
        for (Change change : changes) {
            String event = change.eventId().toString();
            Known current = known.get(change.id());
            ApplyOutcome outcome;
            if (current != null && current.appliedEventIds().contains(event)) {
                outcome = ApplyOutcome.DUPLICATE;
            } else if (change.version() == 1) {
                if (current == null) {
                    Document document = new Document(VersionedStore.ID, change.id());
                    document.putAll(change.fields());
                    document.put(VersionedStore.VERSION, 1L);
                    document.put(VersionedStore.APPLIED_EVENT_IDS, new ArrayList<>(List.of(event)));
                    writes.add(new VersionedStore.Insert(document));
                    outcome = ApplyOutcome.APPLIED;
                } else {
                    log.warn("{}: order {} was already created by another event; ignoring creation event {}. Two creations"
                            + " of one order mean the producer broke the contract: compare both events on the topic",
                            readModel, change.id(), event);
                    outcome = ApplyOutcome.STALE;
                }
            } else if (current == null) {
                throw new VersionGapException(readModel, change.id(), change.version(), 0);
            } else if (current.version() >= change.version()) {
                outcome = ApplyOutcome.STALE;
            } else if (current.version() < change.version() - 1) {
                throw new VersionGapException(readModel, change.id(), change.version(), current.version());
            } else {
                writes.add(new VersionedStore.Update(change.id(), change.version() - 1, event,
                        new Document(change.fields()).append(VersionedStore.VERSION, change.version())));
                outcome = ApplyOutcome.APPLIED;
            }
            if (outcome == ApplyOutcome.APPLIED) {
                Set<String> applied = new HashSet<>(current == null ? Set.of() : current.appliedEventIds());
                applied.add(event);
                known.put(change.id(), new Known(change.version(), applied));
            }
            outcomes.add(outcome);
        }
        if (!writes.isEmpty() && !store.writeInOrder(writes)) {
            throw new ConcurrentBatchChangeException(readModel + ": not every one of the " + writes.size() + " writes of a"
                    + " batch took effect (another writer changed those orders meanwhile); applying it event by event");
        }
        return outcomes;
    }

    /** What the batch knows of an order: its version and the events applied to it, as of the last change planned. */
    private record Known(long version, Set<String> appliedEventIds) {
    }

    private static long versionOf(Document document) {
        return ((Number) document.get(VersionedStore.VERSION)).longValue();
    }

    private static List<?> appliedEventIds(Document document) {
        Object ids = document.get(VersionedStore.APPLIED_EVENT_IDS);
        return ids instanceof List<?> list ? list : List.of();
    }
}
