package dev.cqrs.orders.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

/** Whole collections read straight from MongoDB, for comparing a rebuilt read model with the live one. */
final class ReadModelSnapshots {

    private ReadModelSnapshots() {
    }

    /** Every document of each collection, in _id order, keyed by the collection's base name. */
    static Map<String, List<Document>> of(MongoDatabase database, List<String> baseNames, List<String> collections) {
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (int i = 0; i < collections.size(); i++) {
            snapshot.put(baseNames.get(i), database.getCollection(collections.get(i)).find()
                    .sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        return snapshot;
    }

    static List<String> collectionNames(MongoDatabase database) {
        return database.listCollectionNames().into(new ArrayList<>());
    }
}
