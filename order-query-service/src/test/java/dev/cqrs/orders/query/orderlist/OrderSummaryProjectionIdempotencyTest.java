package dev.cqrs.orders.query.orderlist;

import dev.cqrs.orders.query.readmodel.ProjectionIdempotencyContract;
import dev.cqrs.orders.query.readmodel.VersionedStore;

class OrderSummaryProjectionIdempotencyTest extends ProjectionIdempotencyContract<OrderSummaryProjection> {

    @Override
    protected OrderSummaryProjection newProjection(VersionedStore store) {
        return new OrderSummaryProjection(store);
    }
}
