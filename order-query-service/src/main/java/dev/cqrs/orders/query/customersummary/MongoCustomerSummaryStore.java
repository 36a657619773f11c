package dev.cqrs.orders.query.customersummary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.cqrs.orders.query.readmodel.ConcurrentBatchChangeException;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;

/**
 * {@link CustomerSummaryStore} on MongoDB with single-document atomic writes only, so no document grows with a
 * customer's orders. What the summary counts for an order lives in the order's contribution document. Moving it takes
 * three writes, each idempotent:
 * <ol>
 *   <li>the contribution moves to the new version (conditional on the old one) and records the pending move;</li>
 *   <li>the summary takes the move ({@link SummaryCounters}: {@code $inc} guarded by the move's id);</li>
 *   <li>the contribution forgets the pending move.</li>
 * </ol>
 * Whoever finds a pending move (after a crash, a racer, a dead-letter replay) finishes it before anything else. Each
 * call resolves the live generation once, so a rebuild's switch never splits a move across generations.
 */
final class MongoCustomerSummaryStore implements CustomerSummaryStore {

    private final Supplier<MongoCollection<Document>> contributions;
    private final Supplier<MongoCollection<Document>> summaries;
    private final int window;

    MongoCustomerSummaryStore(Supplier<MongoCollection<Document>> contributions,
                              Supplier<MongoCollection<Document>> summaries) {
        this(contributions, summaries, SummaryCounters.WINDOW);
    }

    MongoCustomerSummaryStore(Supplier<MongoCollection<Document>> contributions,
                              Supplier<MongoCollection<Document>> summaries, int window) {
        this.contributions = contributions;
        this.summaries = summaries;
        this.window = window;
    }

    @Override
    public Optional<CountedOrder> counted(String customerId, String orderId) {
        Generation generation = generation();
        return generation.contributions.find(orderId).map(contribution -> {
            if (contribution.pending() != null) {
                finish(generation, contribution);
            }
            return new CountedOrder(contribution.order().version(), contribution.order().status());
        });
    }

    @Override
    public boolean recount(OrderFacts order, CountedOrder before) {
        Generation generation = generation();
        long seq = generation.counters.seqs(List.of(order.customerId())).getOrDefault(order.customerId(), 0L);
        Contribution moved = new Contribution(order, PendingMove.after(seq, before == null ? null : before.status()));
        if (!generation.contributions.record(moved, before == null ? 0 : before.version())) {
            return false;
        }
        finish(generation, moved);
        return true;
    }

    /**
     * The three steps for a batch: one read of the contributions (none when every order is new) and one of the
     * counters, then one bulk per step.
     */
    @Override
    public Map<String, Long> recountAll(List<OrderFacts> orders, Set<String> uncounted) {
        // A chunk's moves are all recorded against one reading of the move counters: half a window keeps them decidable.
        int chunk = Math.max(1, window / 2);
        Map<String, Long> recounted = new LinkedHashMap<>();
        for (int from = 0; from < orders.size(); from += chunk) {
            recounted.putAll(recountChunk(generation(), orders.subList(from, Math.min(orders.size(), from + chunk)),
                    uncounted));
        }
        return recounted;
    }

    private Map<String, Long> recountChunk(Generation generation, List<OrderFacts> orders, Set<String> uncounted) {
        Map<String, OrderFacts> counted = new HashMap<>();
        List<String> toRead = orders.stream().map(OrderFacts::orderId).filter(id -> !uncounted.contains(id)).toList();
        for (Contribution contribution : generation.contributions.findAll(toRead)) {
            if (contribution.pending() != null) {
                finish(generation, contribution);
            }
            counted.put(contribution.order().orderId(), contribution.order());
        }
        Set<String> customers = new HashSet<>();
        orders.forEach(order -> customers.add(order.customerId()));
        Map<String, Long> seqs = generation.counters.seqs(customers);
        List<Contribution> moves = new ArrayList<>();
        List<Long> before = new ArrayList<>();
        Map<String, Long> recounted = new LinkedHashMap<>();
        for (OrderFacts order : orders) {
            OrderFacts was = counted.get(order.orderId());
            long version = was == null ? 0 : was.version();
            if (version >= order.version()) {
                continue; // already counted at this version or a newer one
            }
            moves.add(new Contribution(order, PendingMove.after(seqs.getOrDefault(order.customerId(), 0L),
                    was == null ? null : was.status())));
            before.add(version);
            recounted.put(order.orderId(), version);
        }
        if (moves.isEmpty()) {
            return recounted;
        }
        if (!generation.contributions.recordAll(moves, before)) {
            // What was recorded stays pending: the one-by-one path finds and finishes it.
            throw new ConcurrentBatchChangeException("customer-summary: another writer moved some of the " + moves.size()
                    + " contributions of a batch meanwhile");
        }
        if (!generation.counters.takeAll(moves)) {
            moves.forEach(move -> take(generation, move));
        }
        generation.contributions.forgetAll(moves);
        return recounted;
    }

    @Override
    public Optional<Document> find(String customerId) {
        return Optional.ofNullable(summaries.get().find(Filters.eq(VersionedStore.ID, customerId))
                .projection(GetCustomerSummaryHandler.COUNTERS).first());
    }

    /** Steps 2 and 3 of a pending move, whoever recorded it. */
    private void finish(Generation generation, Contribution move) {
        take(generation, move);
        generation.contributions.forget(move);
    }

    private void take(Generation generation, Contribution move) {
        // Undecidable, unless a racer finished this move long ago: then the contribution no longer has it.
        if (generation.counters.take(move) == SummaryCounters.Taken.UNDECIDABLE
                && generation.contributions.stillPending(move)) {
            throw new IllegalStateException("customer-summary: cannot tell whether the summary of customer "
                    + move.order().customerId() + " counts the move of order " + move.order().orderId() + " to version "
                    + move.order().version() + ": more than " + window + " moves of that customer were counted since "
                    + "it was recorded. Rebuild the read model (POST /admin/rebuilds/customer-summary) rather than "
                    + "risk counting it twice or never");
        }
    }

    private Generation generation() {
        return new Generation(new Contributions(contributions.get()), new SummaryCounters(summaries.get(), window));
    }

    /** The collections of one generation, resolved once per call. */
    private record Generation(Contributions contributions, SummaryCounters counters) {
    }
}
