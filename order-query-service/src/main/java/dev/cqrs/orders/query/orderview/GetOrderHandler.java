package dev.cqrs.orders.query.orderview;

import static dev.cqrs.orders.query.orderview.OrderViewFields.CANCELLATION_REASON;
import static dev.cqrs.orders.query.orderview.OrderViewFields.CREATED_AT;
import static dev.cqrs.orders.query.orderview.OrderViewFields.CURRENCY;
import static dev.cqrs.orders.query.orderview.OrderViewFields.CUSTOMER_ID;
import static dev.cqrs.orders.query.orderview.OrderViewFields.ITEMS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.DISCOUNT_CENTS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.LINE_TOTAL_CENTS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.QUANTITY;
import static dev.cqrs.orders.query.orderview.OrderViewFields.SKU;
import static dev.cqrs.orders.query.orderview.OrderViewFields.STATUS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.TOTAL_CENTS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.UNIT_PRICE_CENTS;
import static dev.cqrs.orders.query.orderview.OrderViewFields.UPDATED_AT;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;

/** Answers {@link GetOrder} from the live generation of {@code order_views}, by primary key. */
class GetOrderHandler {

    private final Supplier<MongoCollection<Document>> views;

    GetOrderHandler(Supplier<MongoCollection<Document>> views) {
        this.views = views;
    }

    /** The order as the read model has it now, whatever its version; {@link GetOrder#minVersion()} is for callers. */
    Optional<OrderView> handle(GetOrder query) {
        Document document = views.get().find(Filters.eq(VersionedStore.ID, query.orderId().toString()))
                .projection(Projections.exclude(VersionedStore.APPLIED_EVENT_IDS))
                .first();
        return Optional.ofNullable(document).map(GetOrderHandler::toView);
    }

    /** Several orders in one round trip (an {@code $in} on the primary key); absent ones are not in the map. */
    Map<UUID, OrderView> handleAll(Collection<UUID> orderIds) {
        Map<UUID, OrderView> found = new HashMap<>();
        views.get().find(Filters.in(VersionedStore.ID, orderIds.stream().map(UUID::toString).toList()))
                .projection(Projections.exclude(VersionedStore.APPLIED_EVENT_IDS))
                .forEach(document -> {
                    OrderView view = toView(document);
                    found.put(view.orderId(), view);
                });
        return found;
    }

    private static OrderView toView(Document document) {
        List<OrderViewItem> items = document.getList(ITEMS, Document.class).stream()
                .map(item -> new OrderViewItem(
                        item.getString(SKU),
                        number(item, QUANTITY).intValue(),
                        number(item, UNIT_PRICE_CENTS).longValue(),
                        number(item, LINE_TOTAL_CENTS).longValue()))
                .toList();
        return new OrderView(
                UUID.fromString(document.getString(VersionedStore.ID)),
                document.getString(CUSTOMER_ID),
                OrderStatus.valueOf(document.getString(STATUS)),
                items,
                // Documents projected before OrderCreated v2 have no discount field: their discount was 0.
                document.containsKey(DISCOUNT_CENTS) ? number(document, DISCOUNT_CENTS).longValue() : 0,
                number(document, TOTAL_CENTS).longValue(),
                document.getString(CURRENCY),
                number(document, VersionedStore.VERSION).longValue(),
                document.getDate(CREATED_AT).toInstant(),
                document.getDate(UPDATED_AT).toInstant(),
                document.getString(CANCELLATION_REASON));
    }

    // Tolerates int32 and int64 alike, so documents written by another tool still read.
    private static Number number(Document document, String field) {
        return (Number) document.get(field);
    }
}
