package dev.cqrs.orders.query.customersummary;

import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.LAST_ORDER_AT;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.MOVES;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.MOVES_IDS;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.MOVES_SEQ;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The counters of one generation of {@code customer_summaries}, moved only by guarded single-document updates. Each
 * summary counts its moves ({@code moves.seq}) and keeps the ids of the last {@code window} ones ({@code moves.ids}),
 * so the document has a fixed size. A move is taken with {@code $inc} in one update whose filter says: its id is not
 * in the list, and no more than {@code window} moves were taken since the move was recorded. Then the list still holds
 * every move taken since, so the id's absence proves the move was not taken: no duplicate, crash or racing writer can
 * count it twice. Past that window the summary cannot tell, and says so instead of guessing.
 */
final class SummaryCounters {

    /** Moves of one customer that may be taken between recording a move and taking it (a crash's redelivery too). */
    static final int WINDOW = 1000;

    /** A racing first move can create the summary between our filter and our upsert; that is re-checked. */
    private static final int MAX_ATTEMPTS = 3;
    private static final String SEQ = MOVES + "." + MOVES_SEQ;
    private static final String IDS = MOVES + "." + MOVES_IDS;

    /** What became of a move. */
    enum Taken { NOW, BEFORE, UNDECIDABLE }

    private final MongoCollection<Document> summaries;
    private final int window;

    SummaryCounters(MongoCollection<Document> summaries, int window) {
        this.summaries = summaries;
        this.window = window;
    }

    /** The move counter of each customer's summary that exists; a customer without one is at 0. */
    Map<String, Long> seqs(Collection<String> customers) {
        Map<String, Long> seqs = new HashMap<>();
        summaries.find(Filters.in(VersionedStore.ID, customers)).projection(Projections.include(SEQ))
                .forEach(summary -> seqs.put(summary.getString(VersionedStore.ID), seqOf(summary)));
        return seqs;
    }

    /** Takes the contribution's pending move into its customer's summary, unless the summary took it before. */
    Taken take(Contribution contribution) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                UpdateResult result = summaries.updateOne(filter(contribution), update(contribution),
                        new UpdateOptions().upsert(true));
                if (result.getMatchedCount() == 1 || result.getUpsertedId() != null) {
                    return Taken.NOW;
                }
            } catch (MongoWriteException e) {
                // The summary exists but the filter did not match it, so the upsert hit its _id: see why below.
                if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document summary = summaries.find(Filters.eq(VersionedStore.ID, contribution.order().customerId()))
                    .projection(Projections.include(SEQ, IDS)).first();
            if (summary != null) {
                Document moves = summary.get(MOVES, new Document());
                if (moves.getList(MOVES_IDS, Long.class, List.of()).contains(contribution.pending().id())) {
                    return Taken.BEFORE;
                }
                if (seqOf(summary) > contribution.pending().seq() + window) {
                    return Taken.UNDECIDABLE;
                }
            }
        }
        throw new IllegalStateException("customer-summary: the summary of customer " + contribution.order().customerId()
                + " kept changing while taking a move of order " + contribution.order().orderId() + "; it is retried");
    }

    /**
     * The same guarded updates as {@link #take}, in one ordered bulk.
     *
     * @return whether every move was taken now; when not, some may have been, and the caller takes them one by one
     */
    boolean takeAll(List<Contribution> contributions) {
        if (contributions.isEmpty()) {
            return true;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(contributions.size());
        for (Contribution contribution : contributions) {
            writes.add(new UpdateOneModel<>(filter(contribution), update(contribution), new UpdateOptions().upsert(true)));
        }
        try {
            BulkWriteResult result = summaries.bulkWrite(writes, new BulkWriteOptions().ordered(true));
            return result.getMatchedCount() + result.getUpserts().size() == writes.size();
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            return false;
        }
    }

    private Bson filter(Contribution contribution) {
        PendingMove move = contribution.pending();
        return Filters.and(Filters.eq(VersionedStore.ID, contribution.order().customerId()),
                Filters.ne(IDS, move.id()),
                Filters.lte(SEQ, move.seq() + window));
    }

    private Bson update(Contribution contribution) {
        List<Bson> updates = new ArrayList<>();
        contribution.deltas().forEach((path, delta) -> updates.add(Updates.inc(path, delta)));
        updates.add(Updates.inc(SEQ, 1L));
        updates.add(Updates.pushEach(IDS, List.of(contribution.pending().id()), new PushOptions().slice(-window)));
        updates.add(Updates.max(LAST_ORDER_AT, contribution.order().createdAt()));
        return Updates.combine(updates);
    }

    private static long seqOf(Document summary) {
        Document moves = summary.get(MOVES, Document.class);
        return moves == null ? 0 : ((Number) moves.get(MOVES_SEQ)).longValue();
    }
}
