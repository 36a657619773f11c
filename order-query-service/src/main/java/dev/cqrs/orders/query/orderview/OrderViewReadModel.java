package dev.cqrs.orders.query.orderview;

import java.util.List;

import dev.cqrs.orders.query.readmodel.MongoVersionedStore;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelCollections;

/** The order view as a whole: one document per order in {@code order_views}, queried by {@code _id} only. */
final class OrderViewReadModel implements ReadModel {

    /** Its key, written only here: also the id of its listener and the {@link Projection#readModel()}. */
    static final String NAME = "order-view";
    static final String CONSUMER_GROUP = ReadModel.GROUP_PREFIX + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(OrderViewFields.COLLECTION);
    }

    @Override
    public OrderViewProjection projectionInto(ReadModelCollections collections) {
        return new OrderViewProjection(new MongoVersionedStore(() -> collections.get(OrderViewFields.COLLECTION)));
    }
}
