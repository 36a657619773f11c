package dev.cqrs.orders.query.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where dead letters are kept (MongoDB {@code dead_letters}; an in-memory fake in tests). */
public interface DeadLetterStore {

    /** Stores the letter unless one with its id exists (a redelivered record); true if it was stored. */
    boolean insertIfAbsent(DeadLetter letter);

    Optional<DeadLetter> find(String id);

    /** The OPEN letters of one order in one read model, in partition offset order (the head first). */
    List<DeadLetter> openOf(String readModel, String orderId);

    /** Orders with at least one OPEN letter in the read model. */
    Set<String> ordersWithOpenLetters(String readModel);

    /** Newest first; null filters mean any. */
    List<DeadLetter> list(String readModel, DeadLetter.Status status, int limit);

    /** Replaces the stored letter (same id). */
    void save(DeadLetter letter);

    long countOpen(String readModel);

    /** When the oldest OPEN letter of the read model was stored, if any. */
    Optional<Instant> oldestOpen(String readModel);
}
