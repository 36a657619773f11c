package dev.cqrs.orders.query.readmodel;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * Finds the MongoDB collection that holds one of a read model's collections (by base name, e.g. {@code order_views})
 * in a given generation, or in whichever generation is live at the time of the call.
 */
@FunctionalInterface
public interface ReadModelCollections {

    MongoCollection<Document> get(String baseName);
}
