package dev.cqrs.orders.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * The {@code rebuild_checkpoints} collection. Every write is one conditional single-document update, so two replicas
 * can never both start, resume or advance the same rebuild: the owner field and its lease decide.
 */
final class RebuildCheckpoints {

    static final String COLLECTION = "rebuild_checkpoints";

    private static final List<String> UNFINISHED = Arrays.stream(RebuildState.values())
            .filter(state -> !state.finished()).map(Enum::name).toList();

    private final MongoCollection<Document> checkpoints;

    RebuildCheckpoints(MongoDatabase database) {
        this.checkpoints = database.getCollection(COLLECTION);
    }

    Optional<RebuildCheckpoint> find(String readModel) {
        return Optional.ofNullable(checkpoints.find(Filters.eq("_id", readModel)).first()).map(RebuildCheckpoint::from);
    }

    List<RebuildCheckpoint> all() {
        return checkpoints.find().map(RebuildCheckpoint::from).into(new ArrayList<>());
    }

    /**
     * Claims a fresh rebuild: inserts it, or replaces the previous one if that is finished and still as the caller
     * saw it.
     *
     * @return false when another replica claimed the read model first
     */
    boolean begin(RebuildCheckpoint fresh, RebuildCheckpoint previous) {
        if (previous == null) {
            try {
                checkpoints.insertOne(fresh.toDocument());
                return true;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        }
        return checkpoints.replaceOne(Filters.and(
                Filters.eq("_id", previous.readModel()),
                Filters.eq("generation", previous.generation()),
                Filters.eq("state", previous.state().name())), fresh.toDocument()).getMatchedCount() == 1;
    }

    /** Takes over an unfinished rebuild whose owner's lease expired (or that this owner holds already). */
    Optional<RebuildCheckpoint> acquire(String readModel, String owner, Instant now, Duration lease) {
        Document taken = checkpoints.findOneAndUpdate(
                Filters.and(
                        Filters.eq("_id", readModel),
                        Filters.in("state", UNFINISHED),
                        Filters.or(Filters.eq("owner", owner), Filters.lt("leaseUntil", Date.from(now)))),
                Updates.combine(
                        Updates.set("owner", owner),
                        Updates.set("leaseUntil", Date.from(now.plus(lease))),
                        Updates.inc("runs", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(taken).map(RebuildCheckpoint::from);
    }

    /**
     * Stores the owner's progress, renewing its lease.
     *
     * @return false when the rebuild is no longer this owner's (its lease expired and another replica took it over)
     */
    boolean save(RebuildCheckpoint checkpoint) {
        return checkpoints.replaceOne(Filters.and(
                Filters.eq("_id", checkpoint.readModel()),
                Filters.eq("owner", checkpoint.owner()),
                Filters.eq("generation", checkpoint.generation())), checkpoint.toDocument()).getMatchedCount() == 1;
    }

    /** Ends the owner's lease now, so that the rebuild can be resumed at once rather than after the lease expired. */
    void release(String readModel, String owner, Instant now) {
        checkpoints.updateOne(Filters.and(Filters.eq("_id", readModel), Filters.eq("owner", owner)),
                Updates.set("leaseUntil", Date.from(now)));
    }
}
