package dev.cqrs.orders.query.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import com.mongodb.MongoException;
import dev.cqrs.orders.events.EventCodec;
import dev.cqrs.orders.events.EventEnvelope;
import dev.cqrs.orders.query.problems.ConflictException;
import dev.cqrs.orders.query.problems.NotFoundException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;

/**
 * Sequenced dead letters. When the error handler gives up on a record, it becomes the HEAD letter of its (read model,
 * order). Until that order has no OPEN letter left, its later records are stored as PARKED letters behind it instead
 * of being applied, so they can never be applied out of order; other orders keep flowing. Replaying the head (after a
 * fix) applies it and then the parked letters in offset order, stopping at the first failure, which becomes the new
 * head. Discarding the head replays the parked letters the same way.
 * <p>
 * The hot path ({@link #parkIfBlocked}) asks MongoDB only about orders in an in-memory set of parked orders per read
 * model, loaded lazily from {@code dead_letters} and dropped on every partition assignment, so a replica that takes
 * over a partition starts from what the store says.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** Applies one record to the live projection of a read model; throws when it cannot. */
    @FunctionalInterface
    public interface Replayer {
        void replay(String readModel, ConsumerRecord<String, String> record);
    }

    private final DeadLetterStore store;
    private final Map<String, String> readModelByGroup;
    private final Replayer replayer;
    private final EventCodec codec;
    private final Clock clock;
    private final Runnable changed;
    private final Map<String, Set<String>> parkedOrders = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[64];

    public DeadLetters(DeadLetterStore store, Map<String, String> readModelByGroup, Replayer replayer, EventCodec codec,
                       Clock clock, Runnable changed) {
        this.store = store;
        this.readModelByGroup = Map.copyOf(readModelByGroup);
        this.replayer = replayer;
        this.codec = codec;
        this.clock = clock;
        this.changed = changed;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public Set<String> readModels() {
        return Set.copyOf(readModelByGroup.values());
    }

    /**
     * Called by a live listener before it applies a record: if the record's order has an OPEN letter in this read
     * model, the record is stored as PARKED behind it and true is returned (do not apply it).
     */
    public boolean parkIfBlocked(String readModel, ConsumerRecord<String, String> record) {
        String orderId = record.key();
        if (orderId == null) {
            return false;
        }
        Set<String> parked = parked(readModel);
        if (!parked.contains(orderId)) {
            return false;
        }
        ReentrantLock lock = lockOf(readModel, orderId);
        lock.lock();
        try {
            List<DeadLetter> open = store.openOf(readModel, orderId);
            if (open.isEmpty()) {
                // Replayed or discarded meanwhile (perhaps through another replica): the order flows again.
                parked.remove(orderId);
                return false;
            }
            DeadLetter head = open.get(0);
            String id = DeadLetter.idOf(readModel, record.topic(), record.partition(), record.offset());
            if (open.stream().anyMatch(letter -> letter.id().equals(id))) {
                return true; // a redelivery of a record that is a letter already
            }
            if (store.insertIfAbsent(letterOf(readModel, record, DeadLetter.Role.PARKED, null, 0))) {
                log.info("{}: parked {}-{}@{} of order {} behind dead letter {}; it is applied when that letter is "
                        + "replayed or discarded", readModel, record.topic(), record.partition(), record.offset(),
                        orderId, head.id());
                changed.run();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by the error handler when it gives up on a record of a consumer group: the record becomes the head of its
     * order (or parks behind an earlier open letter of it). Records of groups that are no read model are ignored.
     */
    public void recordFailure(String consumerGroup, ConsumerRecord<?, ?> record, Exception failure, int attempts) {
        String readModel = readModelByGroup.get(consumerGroup);
        if (readModel == null) {
            return;
        }
        Throwable cause = failure;
        while (cause instanceof KafkaException && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause(); // the listener's own exception, not the container's wrapper
        }
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> stringRecord = (ConsumerRecord<String, String>) asStrings(record);
        String orderId = stringRecord.key();
        if (orderId == null) {
            store.insertIfAbsent(letterOf(readModel, stringRecord, DeadLetter.Role.HEAD, cause, attempts));
            changed.run();
            return;
        }
        Set<String> parked = parked(readModel);
        ReentrantLock lock = lockOf(readModel, orderId);
        lock.lock();
        try {
            String id = DeadLetter.idOf(readModel, record.topic(), record.partition(), record.offset());
            boolean behindAnother = store.openOf(readModel, orderId).stream().anyMatch(letter -> !letter.id().equals(id));
            DeadLetter.Role role = behindAnother ? DeadLetter.Role.PARKED : DeadLetter.Role.HEAD;
            if (store.insertIfAbsent(letterOf(readModel, stringRecord, role, cause, attempts))) {
                log.info("{}: {}-{}@{} of order {} is dead letter {} ({}); later events of that order wait behind it",
                        readModel, record.topic(), record.partition(), record.offset(), orderId, id, role);
            }
            parked.add(orderId);
            changed.run();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the parked orders of the read model; the next record reloads them from the store. */
    public void reload(String readModel) {
        parkedOrders.remove(readModel);
    }

    public List<DeadLetter> list(String readModel, DeadLetter.Status status, int limit) {
        return store.list(readModel, status, limit);
    }

    public DeadLetter get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No such dead letter",
                "There is no dead letter " + id + "; GET /admin/dead-letters lists them."));
    }

    /** Replays an OPEN head letter and then the letters parked behind it; 409 for anything else. */
    public ReplayOutcome replay(String id) {
        DeadLetter letter = get(id);
        ReentrantLock lock = lockOf(letter.readModel(), letter.orderId());
        lock.lock();
        try {
            letter = get(id);
            List<DeadLetter> open = openFrom(letter);
            if (!open.get(0).id().equals(id)) {
                throw new ConflictException("Not the head of its order", "Dead letter " + id + " is parked behind "
                        + open.get(0).id() + " of order " + letter.orderId() + "; replay that one, which replays this "
                        + "one after it.");
            }
            ReplayOutcome outcome = drain(letter, "replay", null, open);
            log.info("{}: replay of dead letter {} (order {}): replayed {}, {}, {} still open", letter.readModel(), id,
                    letter.orderId(), outcome.replayed(), outcome.failed() == null ? "no failure"
                            : "failed at " + outcome.failed().id() + " (" + outcome.failed().error() + ")",
                    outcome.stillOpen());
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /** Discards an OPEN letter; if it was the head, the letters parked behind it are replayed. */
    public ReplayOutcome discard(String id) {
        DeadLetter letter = get(id);
        ReentrantLock lock = lockOf(letter.readModel(), letter.orderId());
        lock.lock();
        try {
            letter = get(id);
            List<DeadLetter> open = openFrom(letter);
            boolean head = open.get(0).id().equals(id);
            store.save(letter.resolved(DeadLetter.Status.DISCARDED, clock.instant()));
            changed.run();
            List<DeadLetter> rest = open.stream().filter(other -> !other.id().equals(id)).toList();
            ReplayOutcome outcome = head ? drain(letter, "discard", id, rest)
                    : outcome(letter, "discard", id, List.of(), null, rest.size());
            log.info("{}: discarded dead letter {} (order {}, {} v{}){}; replayed {}, {}, {} still open",
                    letter.readModel(), id, letter.orderId(), letter.eventType(), letter.aggregateVersion(),
                    head ? " which was the head" : "", outcome.replayed(), outcome.failed() == null ? "no failure"
                            : "failed at " + outcome.failed().id() + " (" + outcome.failed().error() + ")",
                    outcome.stillOpen());
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /** The OPEN letters of the letter's order, head first; 409 unless the letter is one of them. */
    private List<DeadLetter> openFrom(DeadLetter letter) {
        if (letter.status() != DeadLetter.Status.OPEN) {
            throw new ConflictException("Dead letter not open", "Dead letter " + letter.id() + " is "
                    + letter.status() + " already.");
        }
        List<DeadLetter> open = letter.orderId() == null ? List.of(letter) : store.openOf(letter.readModel(), letter.orderId());
        return open.isEmpty() ? List.of(letter) : open;
    }

    /** Applies the letters in order, stopping at the first failure, which becomes the head. */
    private ReplayOutcome drain(DeadLetter asked, String action, String discarded, List<DeadLetter> letters) {
        List<String> replayed = new ArrayList<>();
        ReplayOutcome.Failure failure = null;
        int left = letters.size();
        try {
            for (DeadLetter letter : letters) {
                try {
                    replayer.replay(letter.readModel(), recordOf(letter));
                } catch (MongoException e) {
                    throw e; // the store is down: nothing is decided, the operator retries (503)
                } catch (RuntimeException e) {
                    store.save(letter.asHead(e.getClass().getName(), e.getMessage(), letter.attempts() + 1));
                    failure = new ReplayOutcome.Failure(letter.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
                    break;
                }
                store.save(letter.resolved(DeadLetter.Status.REPLAYED, clock.instant()));
                replayed.add(letter.id());
                left--;
            }
        } finally {
            if (left == 0 && asked.orderId() != null) {
                parked(asked.readModel()).remove(asked.orderId());
            }
            changed.run();
        }
        return outcome(asked, action, discarded, replayed, failure, left);
    }

    private static ReplayOutcome outcome(DeadLetter asked, String action, String discarded, List<String> replayed,
                                         ReplayOutcome.Failure failure, int left) {
        return new ReplayOutcome(asked.id(), action, asked.readModel(), asked.orderId(), discarded, replayed, failure,
                left, left == 0);
    }

    private Set<String> parked(String readModel) {
        return parkedOrders.computeIfAbsent(readModel, name -> {
            Set<String> orders = ConcurrentHashMap.newKeySet();
            orders.addAll(store.ordersWithOpenLetters(name));
            return orders;
        });
    }

    private ReentrantLock lockOf(String readModel, String orderId) {
        return locks[Math.floorMod((readModel + "/" + orderId).hashCode(), locks.length)];
    }

    private DeadLetter letterOf(String readModel, ConsumerRecord<String, String> record, DeadLetter.Role role,
                                Throwable cause, int attempts) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        String eventId = headers.get("eventId");
        String eventType = headers.get("eventType");
        long version = parseLong(headers.get("aggregateVersion"));
        if (eventId == null || eventType == null || version == 0) {
            try {
                EventEnvelope envelope = codec.decode(record.value());
                eventId = envelope.eventId().toString();
                eventType = envelope.eventType();
                version = envelope.aggregateVersion();
            } catch (RuntimeException unreadable) {
                // kept as it is: the payload is there to inspect
            }
        }
        return new DeadLetter(DeadLetter.idOf(readModel, record.topic(), record.partition(), record.offset()),
                readModel, record.key(), record.topic(), record.partition(), record.offset(), eventId, eventType,
                version, cause == null ? null : cause.getClass().getName(), cause == null ? null : cause.getMessage(),
                attempts, record.value(), headers, role, DeadLetter.Status.OPEN, clock.instant(), null);
    }

    private static long parseLong(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ConsumerRecord<?, ?> asStrings(ConsumerRecord<?, ?> record) {
        if ((record.key() == null || record.key() instanceof String) && (record.value() == null || record.value() instanceof String)) {
            return record;
        }
        ConsumerRecord<String, String> copy = new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : String.valueOf(record.key()),
                record.value() == null ? null : String.valueOf(record.value()));
        record.headers().forEach(header -> copy.headers().add(header));
        return copy;
    }

    static ConsumerRecord<String, String> recordOf(DeadLetter letter) {
        return new ConsumerRecord<>(letter.topic(), letter.partition(), letter.offset(), letter.orderId(), letter.payload());
    }
}
