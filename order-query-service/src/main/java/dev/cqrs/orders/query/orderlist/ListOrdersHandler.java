package dev.cqrs.orders.query.orderlist;

import static dev.cqrs.orders.query.orderlist.OrderListFields.CREATED_AT;
import static dev.cqrs.orders.query.orderlist.OrderListFields.CURRENCY;
import static dev.cqrs.orders.query.orderlist.OrderListFields.CUSTOMER_ID;
import static dev.cqrs.orders.query.orderlist.OrderListFields.ITEM_COUNT;
import static dev.cqrs.orders.query.orderlist.OrderListFields.STATUS;
import static dev.cqrs.orders.query.orderlist.OrderListFields.TOTAL_CENTS;
import static dev.cqrs.orders.query.orderlist.OrderListFields.UPDATED_AT;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Answers {@link ListOrders} from the live generation of {@code order_summaries} with keyset paging on
 * (createdAt desc, orderId desc).
 */
class ListOrdersHandler {

    private final Supplier<MongoCollection<Document>> summaries;

    ListOrdersHandler(Supplier<MongoCollection<Document>> summaries) {
        this.summaries = summaries;
    }

    OrderPage handle(ListOrders query) {
        List<Bson> filters = new ArrayList<>();
        if (query.customerId() != null) {
            filters.add(Filters.eq(CUSTOMER_ID, query.customerId()));
        }
        if (query.status() != null) {
            filters.add(Filters.eq(STATUS, query.status().name()));
        }
        if (query.after() != null) {
            Date createdAt = Date.from(query.after().createdAt());
            filters.add(Filters.or(
                    Filters.lt(CREATED_AT, createdAt),
                    Filters.and(Filters.eq(CREATED_AT, createdAt), Filters.lt(VersionedStore.ID, query.after().orderId()))));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        // One extra document tells whether another page exists, so the last page never links to an empty one.
        List<OrderListItem> found = summaries.get().find(filter)
                .projection(Projections.exclude(VersionedStore.APPLIED_EVENT_IDS))
                .sort(Sorts.descending(CREATED_AT, VersionedStore.ID))
                .limit(query.limit() + 1)
                .map(ListOrdersHandler::toItem)
                .into(new ArrayList<>());
        if (found.size() <= query.limit()) {
            return new OrderPage(found, null);
        }
        List<OrderListItem> page = List.copyOf(found.subList(0, query.limit()));
        OrderListItem last = page.get(page.size() - 1);
        return new OrderPage(page, new PageCursor(last.createdAt(), last.orderId().toString()).encode());
    }

    private static OrderListItem toItem(Document document) {
        return new OrderListItem(
                UUID.fromString(document.getString(VersionedStore.ID)),
                document.getString(CUSTOMER_ID),
                OrderStatus.valueOf(document.getString(STATUS)),
                ((Number) document.get(TOTAL_CENTS)).longValue(),
                document.getString(CURRENCY),
                ((Number) document.get(ITEM_COUNT)).longValue(),
                document.getDate(CREATED_AT).toInstant(),
                document.getDate(UPDATED_AT).toInstant(),
                ((Number) document.get(VersionedStore.VERSION)).longValue());
    }
}
