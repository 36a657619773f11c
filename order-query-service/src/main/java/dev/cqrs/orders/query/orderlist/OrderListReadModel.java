package dev.cqrs.orders.query.orderlist;

import java.util.List;

import dev.cqrs.orders.query.readmodel.MongoVersionedStore;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelCollections;

/** The order list as a whole: one summary per order in {@code order_summaries}, with an index per list filter. */
final class OrderListReadModel implements ReadModel {

    /** Its key, written only here: also the id of its listener and the {@link Projection#readModel()}. */
    static final String NAME = "order-list";
    static final String CONSUMER_GROUP = ReadModel.GROUP_PREFIX + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(OrderListFields.COLLECTION);
    }

    @Override
    public void ensureIndexes(ReadModelCollections collections) {
        OrderListIndexes.ensure(collections.get(OrderListFields.COLLECTION));
    }

    @Override
    public OrderListProjection projectionInto(ReadModelCollections collections) {
        return new OrderListProjection(new MongoVersionedStore(() -> collections.get(OrderListFields.COLLECTION)));
    }
}
