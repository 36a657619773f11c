package dev.cqrs.orders.query.customersummary;

import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.PENDING;
import static dev.cqrs.orders.query.customersummary.CustomerSummaryFields.PENDING_ID;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One generation of {@code customer_order_contributions}: per order, what its customer's summary counts for it, and
 * the move in flight. Recording a move is conditional on the contribution counted before, so only one writer of a
 * racing pair records it; forgetting it is conditional on its id.
 */
final class Contributions {

    private final MongoCollection<Document> contributions;

    Contributions(MongoCollection<Document> contributions) {
        this.contributions = contributions;
    }

    Optional<Contribution> find(String orderId) {
        return Optional.ofNullable(contributions.find(Filters.eq(VersionedStore.ID, orderId)).first())
                .map(Contribution::from);
    }

    List<Contribution> findAll(Collection<String> orderIds) {
        List<Contribution> found = new ArrayList<>();
        if (!orderIds.isEmpty()) {
            contributions.find(Filters.in(VersionedStore.ID, orderIds)).forEach(document -> found.add(Contribution.from(document)));
        }
        return found;
    }

    /**
     * Replaces the contribution counted at {@code beforeVersion} (0: none yet) by {@code moved}, pending move included.
     *
     * @return false when another writer moved the contribution first, or it has a move in flight
     */
    boolean record(Contribution moved, long beforeVersion) {
        try {
            if (beforeVersion == 0) {
                contributions.insertOne(moved.toDocument());
                return true;
            }
            return contributions.replaceOne(unchanged(moved, beforeVersion), moved.toDocument()).getMatchedCount() == 1;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** {@link #record} for each move, with its version before, in one ordered bulk; false when any did not land. */
    boolean recordAll(List<Contribution> moves, List<Long> beforeVersions) {
        List<WriteModel<Document>> writes = new ArrayList<>(moves.size());
        for (int i = 0; i < moves.size(); i++) {
            Contribution moved = moves.get(i);
            long before = beforeVersions.get(i);
            writes.add(before == 0 ? new InsertOneModel<>(moved.toDocument())
                    : new ReplaceOneModel<>(unchanged(moved, before), moved.toDocument()));
        }
        try {
            var result = contributions.bulkWrite(writes, new BulkWriteOptions().ordered(true));
            return result.getInsertedCount() + result.getMatchedCount() == writes.size();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().allMatch(error ->
                    ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the contribution still has this very move in flight. */
    boolean stillPending(Contribution move) {
        return contributions.find(pendingIs(move)).projection(Projections.include(VersionedStore.ID)).first() != null;
    }

    /** Forgets the move once the summary has taken it; a no-op when a racer forgot it first. */
    void forget(Contribution move) {
        contributions.updateOne(pendingIs(move), Updates.unset(PENDING));
    }

    void forgetAll(List<Contribution> moves) {
        contributions.bulkWrite(moves.stream().<WriteModel<Document>>map(move ->
                new UpdateOneModel<>(pendingIs(move), Updates.unset(PENDING))).toList(), new BulkWriteOptions().ordered(false));
    }

    /** Still counted at {@code version} with no move in flight: only then may a move be recorded. */
    private static Bson unchanged(Contribution moved, long version) {
        return Filters.and(Filters.eq(VersionedStore.ID, moved.order().orderId()), Filters.eq(VersionedStore.VERSION, version),
                Filters.exists(PENDING, false));
    }

    private static Bson pendingIs(Contribution move) {
        return Filters.and(Filters.eq(VersionedStore.ID, move.order().orderId()),
                Filters.eq(PENDING + "." + PENDING_ID, move.pending().id()));
    }
}
