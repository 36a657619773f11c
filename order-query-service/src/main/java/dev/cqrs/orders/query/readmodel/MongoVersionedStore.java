package dev.cqrs.orders.query.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@link VersionedStore} on a MongoDB collection, using single-document atomic writes only (no transactions). The
 * collection is looked up on every call, so a store of a live read model follows a rebuild's switch.
 */
public final class MongoVersionedStore implements VersionedStore {

    private final Supplier<MongoCollection<Document>> collection;

    public MongoVersionedStore(MongoCollection<Document> collection) {
        this(() -> collection);
    }

    public MongoVersionedStore(Supplier<MongoCollection<Document>> collection) {
        this.collection = collection;
    }

    @Override
    public boolean insertIfAbsent(Document document) {
        try {
            collection.get().insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            // The unique _id index is what makes a replayed creation harmless.
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean updateIfAtVersion(String id, long expectedVersion, String eventId, Document fields) {
        return collection.get().updateOne(filter(id, expectedVersion, eventId), update(eventId, fields)).getMatchedCount() == 1;
    }

    /** Version check and duplicate check in the filter: no window for a racing redelivery. */
    private static Bson filter(String id, long expectedVersion, String eventId) {
        return Filters.and(
                Filters.eq(ID, id),
                Filters.eq(VERSION, expectedVersion),
                Filters.ne(APPLIED_EVENT_IDS, eventId));
    }

    /** The change and the bookkeeping in one atomic update. */
    private static Bson update(String eventId, Document fields) {
        return Updates.combine(
                new Document("$set", fields),
                Updates.push(APPLIED_EVENT_IDS, eventId));
    }

    @Override
    public Optional<Document> find(String id) {
        return Optional.ofNullable(collection.get().find(Filters.eq(ID, id)).first());
    }

    @Override
    public Map<String, Document> findAll(Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        if (!ids.isEmpty()) {
            collection.get().find(Filters.in(ID, ids)).forEach(document -> found.put(document.getString(ID), document));
        }
        return found;
    }

    /** One ordered bulk write: the same conditional writes, applied in order, stopping at a duplicate key. */
    @Override
    public boolean writeInOrder(List<Write> writes) {
        if (writes.isEmpty()) {
            return true;
        }
        List<WriteModel<Document>> models = new ArrayList<>(writes.size());
        for (Write write : writes) {
            if (write instanceof Insert insert) {
                models.add(new InsertOneModel<>(insert.document()));
            } else if (write instanceof Update change) {
                models.add(new UpdateOneModel<>(filter(change.id(), change.expectedVersion(), change.eventId()),
                        update(change.eventId(), change.fields())));
            }
        }
        try {
            BulkWriteResult result = collection.get().bulkWrite(models, new BulkWriteOptions().ordered(true));
            return result.getInsertedCount() + result.getMatchedCount() == models.size();
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            return false; // a creation found its document there: the caller finds out which, one by one
        }
    }
}
