package dev.cqrs.orders.query.readmodel;

import java.util.Optional;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

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
        // Version check, duplicate check and bookkeeping in one atomic update: no window for a racing redelivery.
        var filter = Filters.and(
                Filters.eq(ID, id),
                Filters.eq(VERSION, expectedVersion),
                Filters.ne(APPLIED_EVENT_IDS, eventId));
        var update = Updates.combine(
                new Document("$set", fields),
                Updates.push(APPLIED_EVENT_IDS, eventId));
        return collection.get().updateOne(filter, update).getMatchedCount() == 1;
    }

    @Override
    public Optional<Document> find(String id) {
        return Optional.ofNullable(collection.get().find(Filters.eq(ID, id)).first());
    }
}
