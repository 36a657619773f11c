package dev.cqrs.orders.query.deadletter;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A fake {@link DeadLetterStore} that also counts the per-order lookups of the hot path. */
public class InMemoryDeadLetterStore implements DeadLetterStore {

    final Map<String, DeadLetter> letters = new ConcurrentHashMap<>();
    final AtomicInteger orderLookups = new AtomicInteger();

    @Override
    public boolean insertIfAbsent(DeadLetter letter) {
        return letters.putIfAbsent(letter.id(), letter) == null;
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return Optional.ofNullable(letters.get(id));
    }

    @Override
    public List<DeadLetter> openOf(String readModel, String orderId) {
        orderLookups.incrementAndGet();
        return letters.values().stream()
                .filter(letter -> letter.readModel().equals(readModel) && orderId.equals(letter.orderId())
                        && letter.status() == DeadLetter.Status.OPEN)
                .sorted(Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset))
                .toList();
    }

    @Override
    public Set<String> ordersWithOpenLetters(String readModel) {
        return letters.values().stream()
                .filter(letter -> letter.readModel().equals(readModel) && letter.status() == DeadLetter.Status.OPEN
                        && letter.orderId() != null)
                .map(DeadLetter::orderId).collect(Collectors.toSet());
    }

    @Override
    public List<DeadLetter> list(String readModel, DeadLetter.Status status, int limit) {
        return letters.values().stream()
                .filter(letter -> readModel == null || letter.readModel().equals(readModel))
                .filter(letter -> status == null || letter.status() == status)
                .sorted(Comparator.comparing(DeadLetter::createdAt).thenComparingLong(DeadLetter::offset).reversed())
                .limit(limit).toList();
    }

    @Override
    public void save(DeadLetter letter) {
        letters.put(letter.id(), letter);
    }

    @Override
    public long countOpen(String readModel) {
        return letters.values().stream()
                .filter(letter -> letter.readModel().equals(readModel) && letter.status() == DeadLetter.Status.OPEN).count();
    }

    @Override
    public Optional<Instant> oldestOpen(String readModel) {
        return letters.values().stream()
                .filter(letter -> letter.readModel().equals(readModel) && letter.status() == DeadLetter.Status.OPEN)
                .map(DeadLetter::createdAt).min(Comparator.naturalOrder());
    }
}
