package dev.cqrs.orders.query.orderview;

import java.util.List;

import dev.cqrs.orders.query.readmodel.MongoVersionedStore;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelCollections;

/** The order view as a whole: one document per order in {@code order_views}, queried by {@code _id} only. */
final class OrderViewReadModel implements ReadModel {

    @Override
    public String name() {
        return OrderViewProjection.READ_MODEL;
    }

    @Override
    public String consumerGroup() {
        return OrderViewProjection.CONSUMER_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(OrderViewFields.COLLECTION);
    }

    @Override
    public Projection projectionInto(ReadModelCollections collections) {
        return new OrderViewProjection(new MongoVersionedStore(() -> collections.get(OrderViewFields.COLLECTION)));
    }
}
