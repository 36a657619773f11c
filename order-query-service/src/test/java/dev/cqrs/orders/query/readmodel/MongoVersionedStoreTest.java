package dev.cqrs.orders.query.readmodel;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The MongoDB store honours the store contract, over the wire protocol with the real driver. */
class MongoVersionedStoreTest extends VersionedStoreContract {

    @RegisterExtension
    static final MongoWireServer mongo = new MongoWireServer();

    @Override
    protected VersionedStore newStore() {
        return new MongoVersionedStore(mongo.freshDatabase("contract").getCollection("store"));
    }
}
