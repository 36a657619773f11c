package dev.cqrs.orders.query.orderlist;

import dev.cqrs.orders.query.readmodel.ProjectionIdempotencyContract;
import dev.cqrs.orders.query.readmodel.VersionedStore;

class OrderListProjectionIdempotencyTest extends ProjectionIdempotencyContract<OrderListProjection> {

    @Override
    protected OrderListProjection newProjection(VersionedStore store) {
        return new OrderListProjection(store);
    }
}
