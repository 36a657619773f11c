package dev.cqrs.orders.query.orderview;

import dev.cqrs.orders.query.readmodel.ProjectionIdempotencyContract;
import dev.cqrs.orders.query.readmodel.VersionedStore;

class OrderViewProjectionIdempotencyTest extends ProjectionIdempotencyContract<OrderViewProjection> {

    @Override
    protected OrderViewProjection newProjection(VersionedStore store) {
        return new OrderViewProjection(store);
    }
}
