package dev.cqrs.orders.query.orderlist;

import static dev.cqrs.orders.query.orderlist.OrderListFields.CREATED_AT;
import static dev.cqrs.orders.query.orderlist.OrderListFields.CUSTOMER_ID;
import static dev.cqrs.orders.query.orderlist.OrderListFields.STATUS;

import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexes behind every filter combination of {@link ListOrders}; each ends in the sort key (createdAt, _id),
 * so a page is an index range scan. Creating an existing index is a no-op, so this runs on every start.
 */
final class OrderListIndexes {

    private static final Logger log = LoggerFactory.getLogger(OrderListIndexes.class);

    private OrderListIndexes() {
    }

    static void ensure(MongoCollection<Document> summaries) {
        var newestFirst = Indexes.descending(CREATED_AT, VersionedStore.ID);
        List<IndexModel> indexes = List.of(
                index("newest_first", newestFirst),
                index("customer_newest_first", Indexes.compoundIndex(Indexes.ascending(CUSTOMER_ID), newestFirst)),
                index("status_newest_first", Indexes.compoundIndex(Indexes.ascending(STATUS), newestFirst)),
                index("customer_status_newest_first",
                        Indexes.compoundIndex(Indexes.ascending(CUSTOMER_ID, STATUS), newestFirst)));
        try {
            summaries.createIndexes(indexes);
        } catch (MongoException e) {
            throw new IllegalStateException("Could not create the indexes of " + summaries.getNamespace()
                    + ": check that MongoDB is reachable at MONGODB_URI and the user may create indexes", e);
        }
        log.info("Indexes of {} are in place ({} for list queries)", summaries.getNamespace(), indexes.size());
    }

    private static IndexModel index(String name, org.bson.conversions.Bson keys) {
        return new IndexModel(keys, new IndexOptions().name(name));
    }
}
