package dev.cqrs.orders.query.orderlist;

import java.util.List;

import dev.cqrs.orders.query.readmodel.MongoVersionedStore;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelCollections;

/** The order list as a whole: one summary per order in {@code order_summaries}, with an index per list filter. */
final class OrderListReadModel implements ReadModel {

    @Override
    public String name() {
        return OrderSummaryProjection.READ_MODEL;
    }

    @Override
    public String consumerGroup() {
        return OrderSummaryProjection.CONSUMER_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(OrderSummaryFields.COLLECTION);
    }

    @Override
    public void ensureIndexes(ReadModelCollections collections) {
        OrderSummaryIndexes.ensure(collections.get(OrderSummaryFields.COLLECTION));
    }

    @Override
    public Projection projectionInto(ReadModelCollections collections) {
        return new OrderSummaryProjection(new MongoVersionedStore(() -> collections.get(OrderSummaryFields.COLLECTION)));
    }
}
